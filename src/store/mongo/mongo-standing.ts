import type { BranchStanding } from '../store';
import type { MemberDoc } from './mongo-docs';
import type { LedgerTotalDoc } from './mongo-ledger-totals';
import type { MongoModels } from './mongo-models';

/**
 * One member's place in their branch's all-time board, as SQLite's `sqliteStanding` counts it: from the running
 * totals, with only the ids and totals of the branch's active members read.
 */
export async function mongoStanding(m: MongoModels, memberId: number, branchId: number): Promise<BranchStanding> {
  const members = await m.members
    .find({ $or: [{ homeBranchId: branchId }, { hostBranchId: branchId }], status: 'active' }, { _id: 1 })
    .lean<Array<Pick<MemberDoc, '_id'>>>();
  const ids = members.map((d) => d._id);
  if (!ids.includes(memberId)) return { total: 0, of: ids.length };
  const totals = await m.ledgerTotals
    .find({ memberId: { $in: ids }, branchId }, { memberId: 1, total: 1 })
    .lean<Array<Pick<LedgerTotalDoc, 'memberId' | 'total'>>>();
  const mine = totals.find((t) => t.memberId === memberId)?.total ?? 0;
  const above = totals.filter((t) => t.total > mine).length;
  return { total: mine, rank: above + 1, of: ids.length };
}
