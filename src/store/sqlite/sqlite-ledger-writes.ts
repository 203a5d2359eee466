import type { LedgerEntry, Submission } from '../../model';
import type { LedgerInput, LedgerRepo, SettleState, SettleStep } from '../store';
import type { GroupCommit } from './group-commit';
import type { Db } from './open-sqlite';
import { fromRow, type Row } from './row-mapping';
import { toTask } from './sqlite-tasks';

/** The entry as its row reads back (NULL columns absent), built from what was inserted: no second read. */
function inserted(id: number | bigint, e: LedgerInput, createdAt: string): LedgerEntry {
  const entry: LedgerEntry = {
    id: Number(id),
    memberId: e.memberId,
    delta: e.delta,
    reason: e.reason,
    kind: e.kind,
    actor: e.actor,
    idemKey: e.idemKey,
    createdAt,
  };
  if (e.taskId != null) entry.taskId = e.taskId;
  if (e.submissionId != null) entry.submissionId = e.submissionId;
  if (e.branchId != null) entry.branchId = e.branchId;
  if (e.category != null) entry.category = e.category;
  return entry;
}

/** A submission's state, its task and what its revisions booked, in one statement. */
const SETTLE_STATE = `SELECT t.*, s.member_id AS s_member_id, s.status AS s_status, s.late AS s_late,
    (SELECT COUNT(*) FROM ledger WHERE submission_id = s.id) AS booked_count,
    (SELECT IFNULL(SUM(delta), 0) FROM ledger WHERE submission_id = s.id) AS booked_sum
  FROM submissions s JOIN tasks t ON t.id = s.task_id WHERE s.id = ?`;

function settleState(row: Row, submissionId: number): SettleState {
  const { s_member_id, s_status, s_late, booked_count, booked_sum, ...task } = row;
  return {
    submission: {
      id: submissionId,
      taskId: task.id as number,
      memberId: s_member_id as number,
      status: s_status as Submission['status'],
      late: Boolean(s_late),
    },
    task: toTask(task)!,
    booked: { count: booked_count as number, sum: booked_sum as number },
  };
}

/**
 * Appending and settling. Look before inserting, in one IMMEDIATE transaction: an ignored INSERT would still burn an
 * AUTOINCREMENT id, and the ids are the 记录号 secretaries read, where a gap looks like a deleted entry. The running
 * totals are written by the table's triggers inside the same transaction. Each write shares the group commit of the
 * moment (a proof's booking commits with the other messages' writes) and resolves once committed.
 */
export function sqliteLedgerWrites(
  db: Db,
  commit: GroupCommit,
): Pick<LedgerRepo, 'append' | 'settle' | 'findByIdemKey'> {
  const byKey = db.prepare('SELECT * FROM ledger WHERE idem_key = ?');
  const hasKey = db.prepare('SELECT 1 FROM ledger WHERE idem_key = ?').pluck();
  const insert =
    db.prepare(`INSERT INTO ledger (member_id, delta, reason, kind, task_id, submission_id, branch_id, actor, idem_key, created_at,
    category) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const state = db.prepare(SETTLE_STATE);
  const book = (e: LedgerInput, ts: string): LedgerEntry | undefined => {
    if (hasKey.get(e.idemKey)) return undefined;
    const info = insert.run(
      e.memberId,
      e.delta,
      e.reason,
      e.kind,
      e.taskId ?? null,
      e.submissionId ?? null,
      e.branchId ?? null,
      e.actor,
      e.idemKey,
      ts,
      e.category ?? null,
    );
    return inserted(info.lastInsertRowid, e, ts);
  };
  // The state is read and booked under the write lock: no other decision can book in between, so one step settles.
  const settle = (submissionId: number, decide: Parameters<LedgerRepo['settle']>[1], ts: string): SettleStep => {
    const row = state.get(submissionId) as Row | undefined;
    if (!row) throw new Error(`no submission ${submissionId} to settle`);
    const input = decide(settleState(row, submissionId));
    if (!input) return { settled: true };
    const entry = book(input, ts);
    return { entry, settled: entry !== undefined };
  };
  return {
    append(e, now) {
      const ts = now.toISOString();
      return commit.run(() => book(e, ts));
    },
    settle(submissionId, decide, now) {
      const ts = now.toISOString();
      return commit.run(() => settle(submissionId, decide, ts));
    },
    async findByIdemKey(key) {
      return fromRow<LedgerEntry>(byKey.get(key) as Row);
    },
  };
}
