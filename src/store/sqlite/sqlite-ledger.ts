import type { LedgerEntry } from '../../core/model';
import type { LedgerFilter, LedgerRepo } from '../store';
import type { Db } from './open-sqlite';
import { fromRow, type Row } from './row-mapping';

export function sqliteLedger(db: Db): LedgerRepo {
  const byKey = db.prepare('SELECT * FROM ledger WHERE idem_key = ?');
  const range = (r: LedgerFilter = {}) => ({
    sql: `${r.from ? 'AND created_at >= ?' : ''} ${r.to ? 'AND created_at < ?' : ''} ${r.branchId !== undefined ? 'AND branch_id = ?' : ''}`,
    args: [...(r.from ? [r.from.toISOString()] : []), ...(r.to ? [r.to.toISOString()] : []), ...(r.branchId !== undefined ? [r.branchId] : [])],
  });
  // Look before inserting, in one IMMEDIATE transaction: an ignored INSERT would still burn an AUTOINCREMENT id,
  // and the ids are the 记录号 secretaries read, where a gap looks like a deleted entry.
  const append = db.transaction((e: Parameters<LedgerRepo['append']>[0], ts: string) => {
    if (byKey.get(e.idemKey)) return undefined;
    const info = db.prepare(`INSERT INTO ledger (member_id, delta, reason, kind, task_id, submission_id, branch_id, actor, idem_key, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(e.memberId, e.delta, e.reason, e.kind, e.taskId ?? null, e.submissionId ?? null, e.branchId ?? null, e.actor, e.idemKey, ts);
    return fromRow<LedgerEntry>(db.prepare('SELECT * FROM ledger WHERE id = ?').get(info.lastInsertRowid) as Row);
  });
  return {
    async append(e, now) { return append.immediate(e, now.toISOString()); },
    async findByIdemKey(key) { return fromRow<LedgerEntry>(byKey.get(key) as Row); },
    async listByMember(memberId) {
      return db.prepare('SELECT * FROM ledger WHERE member_id = ? ORDER BY id').all(memberId).map((r) => fromRow<LedgerEntry>(r as Row)!);
    },
    async listBySubmission(submissionId) {
      return db.prepare('SELECT * FROM ledger WHERE submission_id = ? ORDER BY id').all(submissionId).map((r) => fromRow<LedgerEntry>(r as Row)!);
    },
    async totals(memberIds, r) {
      const out = new Map<number, number>();
      if (memberIds.length === 0) return out;
      const { sql, args } = range(r);
      // Chunked: SQLite caps bound parameters, and a province-wide board can hold many members.
      for (let i = 0; i < memberIds.length; i += 500) {
        const ids = memberIds.slice(i, i + 500);
        const rows = db.prepare(`SELECT member_id, SUM(delta) AS total FROM ledger WHERE member_id IN (${ids.map(() => '?').join(',')}) ${sql} GROUP BY member_id`)
          .all(...ids, ...args) as Array<{ member_id: number; total: number }>;
        for (const row of rows) out.set(row.member_id, row.total);
      }
      return out;
    },
    async list(r) {
      const { sql, args } = range(r);
      return db.prepare(`SELECT * FROM ledger WHERE 1 = 1 ${sql} ORDER BY id`).all(...args).map((row) => fromRow<LedgerEntry>(row as Row)!);
    },
  };
}
