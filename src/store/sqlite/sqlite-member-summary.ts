import type { LedgerRepo } from '../store';
import type { Db } from './open-sqlite';

/**
 * A member's 积分 answer in one statement: the all-time total and its 奉献 part from the running totals, and the sums
 * since each date from their own entries (one index range from the earliest date), instead of a query each.
 */
export function sqliteMemberSummary(db: Db): LedgerRepo['memberSummary'] {
  return async (memberId, since) => {
    const windows = since.map((_, i) => `, IFNULL(SUM(CASE WHEN created_at >= @s${i} THEN delta END), 0)`).join('');
    const stmt = db.prepare(`SELECT IFNULL((SELECT total FROM member_totals WHERE member_id = @member), 0),
      IFNULL((SELECT service_total FROM member_totals WHERE member_id = @member), 0)${windows}
      FROM ledger WHERE member_id = @member AND created_at >= @earliest`);
    const args: Record<string, unknown> = { member: memberId };
    since.forEach((d, i) => (args[`s${i}`] = d.toISOString()));
    // With no window asked for, the range is empty and only the running totals are read.
    args.earliest = since.length ? new Date(Math.min(...since.map((d) => d.getTime()))).toISOString() : '~';
    const [total, service, ...sums] = stmt.raw(true).get(args) as number[];
    return { total, service, since: sums };
  };
}
