import type { CounterRepo } from '../counter-repo';
import type { Db } from './open-sqlite';

export function sqliteCounters(db: Db): CounterRepo {
  // One statement: the upsert and the read of the new total cannot interleave with another process's add.
  const add = db.prepare(`INSERT INTO counters (key, value, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at RETURNING value`);
  const get = db.prepare('SELECT value FROM counters WHERE key = ?');
  return {
    async add(key, by, now) {
      return (add.get(key, by, now.toISOString()) as { value: number }).value;
    },
    async get(key) {
      return (get.get(key) as { value: number } | undefined)?.value ?? 0;
    },
  };
}
