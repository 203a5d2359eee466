import Database from 'better-sqlite3';
import path from 'node:path';
import type { IncomingMessage } from '../../src/bot/incoming-message';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';

const AT = new Date('2026-12-06T10:00:00.000Z');
const message = (id: number): IncomingMessage => ({
  platform: 'wecom',
  msgId: String(id),
  chatId: `g${id % 7}`,
  chatType: 'group',
  userId: `u${id}`,
  text: `第${id}条`,
  media: [],
  receivedAt: AT.toISOString(),
});

/** The writes one handled message makes: inbox row, chat, transcript in and out, reply, sent mark, done mark. */
async function handleOne(store: ReturnType<typeof sqliteStore>, id: number): Promise<void> {
  const m = message(id);
  await store.inbox.accept(`wecom:${id}`, m, AT);
  await store.chats.upsertSeen({ platform: 'wecom', chatId: m.chatId, chatType: 'group' }, AT);
  await store.chatLog.append({
    platform: 'wecom',
    chatId: m.chatId,
    from: m.userId,
    text: m.text,
    at: AT.toISOString(),
  });
  const item = await store.outbox.enqueue(
    { target: { platform: 'wecom', chatId: m.chatId, chatType: 'group' }, text: '收到', idemKey: `wecom:${id}#0` },
    AT,
  );
  await store.outbox.markSent(item.id, AT);
  await store.inbox.markDone(`wecom:${id}`, 'done', undefined, AT);
}

describe('group commit of the per-message writes (SQLite)', () => {
  afterAll(cleanupTempDirs);

  test('messages handled side by side share commits, and each write is visible once its caller resumes', async () => {
    const dir = tempDir('zhibu-commit-');
    const store = sqliteStore(dir);
    const other = new Database(path.join(dir, 'zhibu.db'), { readonly: true });
    const walFrames = () => (store.db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>)[0].log;
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    await Promise.all(Array.from({ length: 100 }, (_, i) => handleOne(store, i)));
    const together = walFrames();
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    for (let i = 100; i < 200; i++) await handleOne(store, i);
    const oneByOne = walFrames();
    // Handled one after another, each of the six writes is a commit of its own (at least 600 frames); side by side,
    // the same writes of 100 messages are batched into a few transactions.
    expect(oneByOne).toBeGreaterThanOrEqual(600);
    expect(together).toBeLessThan(oneByOne / 5);
    const count = (sql: string) => (other.prepare(sql).get() as { n: number }).n;
    expect(count("SELECT COUNT(*) AS n FROM inbox WHERE status = 'done'")).toBe(200);
    expect(count("SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'")).toBe(200);
    expect(count('SELECT COUNT(*) AS n FROM chat_log')).toBe(200);
    other.close();
    await store.close();
  });

  test('a write the database refuses rejects only its own caller; the rest of its batch is committed', async () => {
    const store = sqliteStore(tempDir('zhibu-commit-bad-'));
    store.db.exec(
      "CREATE TRIGGER refuse_bad BEFORE INSERT ON chat_log WHEN NEW.text = 'bad' BEGIN SELECT RAISE(ABORT, 'refused'); END",
    );
    const line = (text: string) =>
      store.chatLog.append({ platform: 'wecom', chatId: 'g', from: 'u', text, at: AT.toISOString() });
    const outcomes = await Promise.all(
      [line('a'), line('bad'), store.inbox.accept('wecom:1', message(1), AT), line('b')].map((p) =>
        p.then(
          (v) => v ?? 'ok',
          (err: Error) => err.message,
        ),
      ),
    );
    expect(outcomes).toEqual(['ok', 'refused', true, 'ok']);
    expect((await store.chatLog.list('wecom', 'g')).map((e) => e.text)).toEqual(['a', 'b']);
    expect(await store.inbox.count()).toBe(1);
    await store.close();
  });
});
