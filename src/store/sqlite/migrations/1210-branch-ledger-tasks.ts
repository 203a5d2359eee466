/**
 * Points by branch and correctable tasks. Every ledger entry records the branch whose ranking it counts in; old
 * entries get it derived once: a task's points from the task, a manual entry from the branch its actor runs that
 * the member belongs to (else the member's home branch). The append-only trigger is lifted for this backfill only.
 */
export const branchLedgerTasksSchema = {
  version: 1210,
  name: 'branch-ledger-tasks',
  sql: `
ALTER TABLE ledger ADD COLUMN branch_id INTEGER REFERENCES branches(id);
ALTER TABLE tasks ADD COLUMN withdrawn_at TEXT;
ALTER TABLE tasks ADD COLUMN withdraw_reason TEXT;
DROP TRIGGER ledger_no_update;
UPDATE ledger SET branch_id = (SELECT t.branch_id FROM tasks t WHERE t.id = ledger.task_id) WHERE task_id IS NOT NULL;
UPDATE ledger SET branch_id = COALESCE(
  (SELECT g.branch_id FROM identities i JOIN role_grants g ON g.member_id = i.member_id AND g.role = 'secretary'
     JOIN members m ON m.id = ledger.member_id AND g.branch_id IN (m.home_branch_id, m.host_branch_id)
   WHERE i.platform || ':' || i.user_id = ledger.actor ORDER BY g.id LIMIT 1),
  (SELECT COALESCE(m.home_branch_id, m.host_branch_id) FROM members m WHERE m.id = ledger.member_id))
WHERE branch_id IS NULL;
CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE INDEX ledger_branch_member ON ledger(branch_id, member_id, created_at);
`,
};
