import Database from 'better-sqlite3';
import path from 'node:path';
import { openSqlite } from '../../src/store/sqlite/open-sqlite';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';

describe('SQLite adapter specifics', () => {
  afterAll(cleanupTempDirs);

  test('runs in WAL mode with versioned migrations applied once', () => {
    const file = path.join(tempDir(), 'z.db');
    const db = openSqlite(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const versions = db.prepare('SELECT version FROM schema_migrations').all();
    db.close();
    const again = openSqlite(file);
    expect(again.prepare('SELECT version FROM schema_migrations').all()).toEqual(versions);
    again.close();
  });

  test('the ledger refuses updates and deletes: corrections are new entries', async () => {
    const store = sqliteStore(tempDir());
    const m = await store.members.create({ name: '甲' }, new Date());
    await store.ledger.append(
      { memberId: m.id, delta: 5, reason: 'x', kind: 'manual', actor: 'a', idemKey: 'k' },
      new Date(),
    );
    expect(() => store.db.prepare('UPDATE ledger SET delta = 50').run()).toThrow('append-only');
    expect(() => store.db.prepare('DELETE FROM ledger').run()).toThrow('append-only');
    await store.close();
  });

  test('a failing migration leaves the database unchanged and says how to fix it', () => {
    const file = path.join(tempDir(), 'z.db');
    openSqlite(file).close();
    const before = schemaOf(file);
    // A good migration, then one whose first statements succeed and whose last fails: only the transaction around
    // the whole batch undoes the table, the column and the row that were already written.
    const broken = [
      { version: 9998, name: 'fine', sql: 'CREATE TABLE extra_fine (x INTEGER)' },
      {
        version: 9999,
        name: 'broken',
        sql: "CREATE TABLE extra_a (x); ALTER TABLE members ADD COLUMN extra_b TEXT; INSERT INTO branches (name, kind, created_at) VALUES ('半途', 'home', 'x'); CREATE TABLE members (x)",
      },
    ];
    expect(() => openSqlite(file, broken)).toThrow(
      'migration 9999 (broken) failed: restore the database from a backup or report the error',
    );
    expect(schemaOf(file)).toEqual(before);
  });

  test('a chat seen again unchanged is read, not written: handling does not wait for the write lock', async () => {
    const dir = tempDir();
    const store = sqliteStore(dir);
    const chat = { platform: 'sim' as const, chatId: 'g1', chatType: 'group' as const, title: '一群' };
    const first = await store.chats.upsertSeen(chat, new Date());
    store.db.pragma('busy_timeout = 50');
    // Another process (the CLI, a second bot) holds the write lock while this one sees the chat again.
    const other = new Database(path.join(dir, 'zhibu.db'));
    other.prepare('BEGIN IMMEDIATE').run();
    try {
      expect(await store.chats.upsertSeen(chat, new Date())).toEqual(first);
      expect(await store.chats.upsertSeen({ ...chat, title: undefined }, new Date())).toEqual(first);
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    const renamed = await store.chats.upsertSeen({ ...chat, title: '改名的群' }, new Date());
    expect(renamed).toEqual({ ...first, title: '改名的群' });
    await store.close();
  });
});

/** Everything a migration could have touched: the schema text, the applied versions and the row counts. */
function schemaOf(file: string): unknown {
  const db = new Database(file, { readonly: true });
  try {
    const schema = db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all() as Array<{
      type: string;
      name: string;
    }>;
    const counts = schema
      .filter((o) => o.type === 'table' && !o.name.startsWith('sqlite_'))
      .map((t) => [t.name, (db.prepare(`SELECT COUNT(*) AS n FROM "${t.name}"`).get() as { n: number }).n]);
    return { schema, counts, versions: db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() };
  } finally {
    db.close();
  }
}
