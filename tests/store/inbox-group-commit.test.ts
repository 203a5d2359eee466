import Database from 'better-sqlite3';
import path from 'node:path';
import type { IncomingMessage } from '../../src/bot/incoming-message';
import { InboxGroupCommit } from '../../src/store/sqlite/inbox-group-commit';
import { openSqlite, type Db } from '../../src/store/sqlite/open-sqlite';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';

const AT = '2026-12-06T10:00:00.000Z';
const message = (id: string): IncomingMessage => ({
  platform: 'wecom',
  msgId: id,
  chatId: 'g',
  chatType: 'group',
  userId: 'u',
  text: `第${id}条`,
  media: [],
  receivedAt: AT,
});

/** WAL frames written since the last checkpoint: every commit of its own appends at least one. */
function walFrames(db: Db): number {
  return (db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>)[0].log;
}

describe('inbox group commit (SQLite)', () => {
  let file: string;
  let db: Db;
  let writer: InboxGroupCommit;
  beforeEach(() => {
    file = path.join(tempDir('zhibu-group-'), 'z.db');
    db = openSqlite(file);
    walFrames(db);
    db.pragma('wal_checkpoint(TRUNCATE)');
    writer = new InboxGroupCommit(db);
  });
  afterEach(() => {
    writer.flush();
    db.close();
  });
  afterAll(cleanupTempDirs);

  test('every caller is settled only once its row is visible to another connection', async () => {
    const other = new Database(file, { readonly: true });
    const visible = (key: string) =>
      other.prepare('SELECT COUNT(*) AS n FROM inbox WHERE key = ?').get(key) as { n: number };
    const seenAtAck = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        writer
          .accept(`wecom:${i}`, JSON.stringify(message(String(i))), AT)
          .then((fresh) => ({ fresh, rows: visible(`wecom:${i}`).n })),
      ),
    );
    other.close();
    expect(seenAtAck).toEqual(Array.from({ length: 50 }, () => ({ fresh: true, rows: 1 })));
  });

  test('inserts made in one event-loop turn share one commit', async () => {
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => writer.accept(`wecom:${i}`, JSON.stringify(message(String(i))), AT)),
    );
    const grouped = walFrames(db);
    db.pragma('wal_checkpoint(TRUNCATE)');
    for (let i = 200; i < 400; i++) await writer.accept(`wecom:${i}`, JSON.stringify(message(String(i))), AT);
    const single = walFrames(db);
    // 200 commits of their own write at least 200 frames; one shared commit rewrites the few pages it touched once.
    expect(single).toBeGreaterThanOrEqual(200);
    expect(grouped).toBeLessThan(single / 5);
    expect((db.prepare('SELECT COUNT(*) AS n FROM inbox').get() as { n: number }).n).toBe(400);
  });

  test('the same key twice in one batch is one row, and the second caller hears "duplicate"', async () => {
    const results = await Promise.all(
      ['a', 'b', 'a', 'a', 'c', 'b'].map((id, i) =>
        writer.accept(`wecom:${id}`, JSON.stringify({ ...message(id), text: `${i}` }), AT),
      ),
    );
    expect(results).toEqual([true, true, false, false, true, false]);
    const rows = db.prepare('SELECT key, message FROM inbox ORDER BY key').all() as Array<{
      key: string;
      message: string;
    }>;
    expect(rows.map((r) => [r.key, (JSON.parse(r.message) as IncomingMessage).text])).toEqual([
      ['wecom:a', '0'],
      ['wecom:b', '1'],
      ['wecom:c', '4'],
    ]);
  });

  test('one row the database refuses rejects only its own caller; the rest of the batch is committed', async () => {
    db.exec(
      "CREATE TRIGGER refuse_bad BEFORE INSERT ON inbox WHEN NEW.key = 'wecom:bad' BEGIN SELECT RAISE(ABORT, 'refused'); END",
    );
    const outcomes = await Promise.all(
      ['1', 'bad', '2', '1'].map((id) =>
        writer.accept(`wecom:${id}`, JSON.stringify(message(id)), AT).then(
          (fresh) => fresh,
          (err: Error) => err.message,
        ),
      ),
    );
    expect(outcomes).toEqual([true, 'refused', true, false]);
    expect(db.prepare('SELECT key FROM inbox ORDER BY key').pluck().all()).toEqual(['wecom:1', 'wecom:2']);
  });

  test('a burst larger than the batch cap is committed in several transactions, every caller settled', async () => {
    const small = new InboxGroupCommit(db, 3);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => small.accept(`wecom:s${i}`, '{}', AT)));
    expect(results).toEqual(Array(10).fill(true));
    expect((db.prepare('SELECT COUNT(*) AS n FROM inbox').get() as { n: number }).n).toBe(10);
  });

  test('closing the store commits inserts still waiting for their turn', async () => {
    const dir = tempDir('zhibu-group-close-');
    const store = sqliteStore(dir);
    const pending = store.inbox.accept('wecom:late', message('late'), new Date(AT));
    await store.close();
    expect(await pending).toBe(true);
    const again = sqliteStore(dir);
    expect(await again.inbox.count()).toBe(1);
    await again.close();
  });
});
