import type { BranchStanding } from '../store';
import type { Db } from './open-sqlite';

/**
 * One member's place in their branch's all-time board, counted inside SQLite from the running totals: a 积分 query
 * no longer loads and ranks every member of the branch (5,000 rows at a large host branch) to find one rank.
 */
export function sqliteStanding(db: Db): (memberId: number, branchId: number) => Promise<BranchStanding> {
  const stmt = db.prepare(`WITH scores AS (
      SELECT m.id, IFNULL(t.total, 0) AS total FROM members m
      LEFT JOIN ledger_totals t ON t.member_id = m.id AND t.branch_id = @branch
      WHERE m.status = 'active' AND (m.home_branch_id = @branch OR m.host_branch_id = @branch))
    SELECT (SELECT total FROM scores WHERE id = @member) AS mine, COUNT(*) AS ranked,
      SUM(total > (SELECT total FROM scores WHERE id = @member)) AS above FROM scores`);
  return async (memberId, branchId) => {
    const row = stmt.get({ member: memberId, branch: branchId }) as {
      mine: number | null;
      ranked: number;
      above: number | null;
    };
    if (row.mine === null) return { total: 0, of: row.ranked };
    return { total: row.mine, rank: (row.above ?? 0) + 1, of: row.ranked };
  };
}
