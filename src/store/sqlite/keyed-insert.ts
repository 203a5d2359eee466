import type { Db } from './open-sqlite';

/**
 * Inserts a row created on behalf of one incoming message, once: with a `sourceKey` (the message's dedupe key) that
 * already made a row in `table`, returns that row's id and inserts nothing. Looking first (inside one IMMEDIATE
 * transaction, so two processes agree) rather than INSERT OR IGNORE keeps AUTOINCREMENT ids — task numbers,
 * receipts — free of gaps.
 */
export function keyedInsert(
  db: Db,
  table: string,
  sourceKey: string | undefined,
  insert: () => number | bigint,
): number {
  if (sourceKey === undefined) return Number(insert());
  return db
    .transaction(() => {
      const existing = db.prepare(`SELECT id FROM ${table} WHERE source_key = ?`).get(sourceKey) as
        { id: number } | undefined;
      return existing ? existing.id : Number(insert());
    })
    .immediate();
}
