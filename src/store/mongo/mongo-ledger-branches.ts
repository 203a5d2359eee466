/**
 * The MongoDB side of the SQLite migration `branch-ledger-tasks`: ledger entries written before entries recorded
 * their branch get it derived once — a task's points from the task, a manual entry from the branch its actor runs
 * that the member belongs to (else the member's home branch). The raw collection is used because the model refuses
 * updates to the append-only ledger; this backfill only adds the missing field and never touches an amount.
 */
import type { Platform } from '../../bot/incoming-message';
import type { LedgerDoc, MemberDoc, RoleGrantDoc, TaskDoc } from './mongo-docs';
import type { MongoModels } from './mongo-models';

async function manualBranch(m: MongoModels, entry: LedgerDoc): Promise<number | undefined> {
  const member = await m.members.findById(entry.memberId).lean<MemberDoc>();
  const own = [member?.homeBranchId, member?.hostBranchId].filter((b): b is number => b !== undefined);
  const [platform, ...rest] = entry.actor.split(':') as [Platform, ...string[]];
  const identity = await m.identities.findOne({ platform, userId: rest.join(':') }).lean<{ memberId: number }>();
  if (identity) {
    const grants = await m.roleGrants
      .find({ memberId: identity.memberId, role: 'secretary' })
      .sort({ _id: 1 })
      .lean<RoleGrantDoc[]>();
    const run = grants.find((g) => g.branchId !== null && own.includes(g.branchId));
    if (run?.branchId != null) return run.branchId;
  }
  return own[0];
}

/** Returns how many entries got their branch. Safe to run again: it only looks at entries without one. */
export async function backfillLedgerBranches(m: MongoModels): Promise<number> {
  const missing = await m.ledger.find({ branchId: { $exists: false } }).lean<LedgerDoc[]>();
  let filled = 0;
  for (const entry of missing) {
    const task = entry.taskId !== undefined ? await m.tasks.findById(entry.taskId).lean<TaskDoc>() : null;
    const branchId = task ? task.branchId : await manualBranch(m, entry);
    if (branchId === undefined) continue;
    await m.ledger.collection.updateOne(
      { _id: entry._id as never, branchId: { $exists: false } },
      { $set: { branchId } },
    );
    filled++;
  }
  return filled;
}
