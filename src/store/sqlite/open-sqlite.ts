import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { ZhibuError } from '../../errors';
import { PRIVATE_FILE, restrict } from '../data-dir';
import { migrations, type Migration } from './migrations';

export type Db = Database.Database;

/**
 * A new database file is created empty and 0600 before SQLite opens it (SQLite gives the -wal and -shm files the
 * database's mode). Only a missing file is opened here: closing any descriptor of a database file drops every POSIX
 * lock this process holds on it, including another connection's. An existing file is narrowed with chmod alone.
 */
function createPrivately(file: string): void {
  if (!fs.existsSync(file)) {
    try {
      fs.closeSync(fs.openSync(file, 'wx', PRIVATE_FILE));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) restrict(f, PRIVATE_FILE);
}

/** Opens (creating if needed) the database file in WAL mode and applies pending migrations. */
export function openSqlite(file: string, list: Migration[] = migrations): Db {
  const onDisk = file !== ':memory:';
  if (onDisk) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    createPrivately(file);
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  if (onDisk) for (const f of [`${file}-wal`, `${file}-shm`]) restrict(f, PRIVATE_FILE);
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // Checkpoint (and fsync) every ~16 MB of WAL instead of every 4 MB: the checkpoint runs inside whichever commit
  // crosses the mark, and on the ingest path that is usually an inbox insert the platform is waiting on. A busy store
  // moves checkpoints to a thread of its own (wal-checkpointer.ts); this mark applies while that thread is not running.
  db.pragma('wal_autocheckpoint = 4000');
  db.pragma('foreign_keys = ON');
  migrate(db, list);
  cacheStatements(db);
  return db;
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Repos write their SQL inline next to the code that uses it; preparing the same text again on every call costs
 * more than the query itself on the hot path (inbox insert, outbox claim), so prepared statements are reused.
 * Bounded, because a few queries build `IN (?, ?, …)` lists of varying length.
 */
function cacheStatements(db: Db): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(sql, statement);
    }
    return statement;
  }) as Db['prepare'];
}

function migrate(db: Db, list: Migration[]): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  // IMMEDIATE: two processes starting together must not both apply the same migration.
  db.transaction(() => {
    const done = new Set(
      db
        .prepare('SELECT version FROM schema_migrations')
        .all()
        .map((r) => (r as { version: number }).version),
    );
    for (const m of list) {
      if (done.has(m.version)) continue;
      try {
        db.exec(m.sql);
      } catch (cause) {
        throw new ZhibuError('STORE_MIGRATION', `migration ${m.version} (${m.name}) failed`, {
          fix: 'restore the database from a backup or report the error; the file was left unchanged',
          cause,
        });
      }
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
    }
  }).immediate();
}
