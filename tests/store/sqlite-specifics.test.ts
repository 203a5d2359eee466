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
    await store.ledger.append({ memberId: m.id, delta: 5, reason: 'x', kind: 'manual', actor: 'a', idemKey: 'k' }, new Date());
    expect(() => store.db.prepare('UPDATE ledger SET delta = 50').run()).toThrow('append-only');
    expect(() => store.db.prepare('DELETE FROM ledger').run()).toThrow('append-only');
    await store.close();
  });

  test('a failing migration leaves the database unchanged and says how to fix it', () => {
    const file = path.join(tempDir(), 'z.db');
    openSqlite(file).close();
    expect(() => openSqlite(file, [{ version: 9999, name: 'broken', sql: 'CREATE TABLE members (x)' }]))
      .toThrow('migration 9999 (broken) failed: restore the database from a backup or report the error');
  });
});
