import path from 'node:path';
import { openSqlite, type Db } from '../../src/store/sqlite/open-sqlite';
import { WalCheckpointer } from '../../src/store/sqlite/wal-checkpointer';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import { spawnChild, stopChild } from '../helpers/child-processes';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';

const PAGE = 4096;

/** Writes about `pages` WAL pages through `db` in commits of ~50 pages, as a busy ingest does. */
function writePages(db: Db, pages: number): void {
  db.exec('CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
  const insert = db.prepare('INSERT INTO filler (body) VALUES (?)');
  const commit = db.transaction((n: number) => {
    for (let i = 0; i < n; i++) insert.run(Buffer.alloc(PAGE - 200, i % 251));
  });
  for (let written = 0; written < pages; written += 50) commit(50);
}

/** Frames now in the WAL of `db` (a PASSIVE checkpoint from the same connection reports them). */
const walFrames = (db: Db) => (db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>)[0].log;

describe('WAL checkpoints off the event loop (SQLite)', () => {
  const open: Array<{ db: Db; cp: WalCheckpointer }> = [];
  afterEach(async () => {
    for (const { db, cp } of open.splice(0)) {
      await cp.close();
      db.close();
    }
  });
  afterAll(cleanupTempDirs);

  function start(options: ConstructorParameters<typeof WalCheckpointer>[2]) {
    const file = path.join(tempDir('zhibu-wal-'), 'zhibu.db');
    const db = openSqlite(file);
    const cp = new WalCheckpointer(db, file, options);
    open.push({ db, cp });
    return { db, cp };
  }

  test('once the checkpointer runs, no commit of the store checkpoints: its own thread copies the WAL back', async () => {
    const { db, cp } = start({ everyMs: 0 });
    await cp.checkpoint();
    writePages(db, 6000);
    // SQLite's own checkpoint (4,000 pages) would have run inside a commit and restarted the log long before.
    const done = await cp.checkpoint();
    expect(done.log).toBeGreaterThanOrEqual(6000);
    expect(done.checkpointed).toBe(done.log);
    // Everything copied back: the next commit starts the log over, so the WAL does not grow without end.
    writePages(db, 1);
    expect(walFrames(db)).toBeLessThan(100);
    expect((db.prepare('SELECT COUNT(*) AS n FROM filler').get() as { n: number }).n).toBe(6050);
  });

  test('a checkpointer that falls behind leaves SQLite its own checkpoint at a higher mark: the WAL stays bounded', async () => {
    const { db, cp } = start({ everyMs: 0, fallbackPages: 1000 });
    await cp.checkpoint();
    writePages(db, 3000);
    expect(walFrames(db)).toBeLessThan(1100);
  });

  test('a quiet database never starts the thread; one whose WAL has grown does', () => {
    const { db, cp } = start({ everyMs: 0, startBytes: 1024 * 1024 });
    writePages(db, 10);
    cp.tick();
    expect(cp.running).toBe(false);
    writePages(db, 400);
    cp.tick();
    expect(cp.running).toBe(true);
  });

  test('the store closes its checkpointer with the database and keeps what was written', async () => {
    const dir = tempDir('zhibu-wal-store-');
    const store = sqliteStore(dir);
    writePages(store.db, 200);
    await store.close();
    const again = sqliteStore(dir);
    expect((again.db.prepare('SELECT COUNT(*) AS n FROM filler').get() as { n: number }).n).toBe(200);
    await again.close();
  });
});

describe('a SIGKILL while the checkpoint thread copies the WAL back', () => {
  afterAll(cleanupTempDirs);

  test('loses no committed row', async () => {
    const file = path.join(tempDir('zhibu-wal-kill-'), 'zhibu.db');
    const child = spawnChild(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, '../helpers/checkpoint-writer-worker.ts'), file],
      { cwd: path.resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let lastAcked = 0;
    let checkpoints = 0;
    await new Promise<void>((resolve) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const lines = out.split('\n');
        out = lines.pop()!;
        for (const line of lines) {
          const [word, n] = line.split(' ');
          if (word === 'acked') lastAcked = Number(n);
          if (word === 'checkpointed' && Number(n) > 0) checkpoints++;
        }
        // Killed while commits and checkpoints are both under way, after several of each.
        if (checkpoints >= 3 && lastAcked >= 10_000) resolve();
      });
    });
    await stopChild(child, 'SIGKILL');
    const db = openSqlite(file);
    const kept = (db.prepare('SELECT COUNT(*) AS n FROM acked WHERE id <= ?').get(lastAcked) as { n: number }).n;
    db.close();
    expect(kept).toBe(lastAcked);
  });
});

describe('a process whose last work is the checkpoint thread', () => {
  afterAll(cleanupTempDirs);

  test('stays alive until the checkpoint and the close it awaits are done', async () => {
    const file = path.join(tempDir('zhibu-wal-close-'), 'zhibu.db');
    const child = spawnChild(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, '../helpers/checkpoint-close-worker.ts'), file],
      { cwd: path.resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect({ code, out }).toEqual({ code: 0, out: 'closed 0\n' });
  });
});
