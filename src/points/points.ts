import type { Branch, LedgerCategory, Member } from '../model';
import type { Store } from '../store/store';
import { periodRange, type Period } from './periods';
import { rankByScore, type Ranked } from './ranking';

/**
 * A branch's active members ranked by the points booked for that branch in the period (its tasks and its own manual
 * entries; a 双报 member's points at the other branch do not count here), only 学习 or 奉献 points when `category`
 * is given. Balances are derived from the ledger.
 */
export async function branchRanking(
  store: Store,
  branchId: number,
  period: Period,
  now: Date,
  tz: string,
  category?: LedgerCategory,
): Promise<Ranked<Member>[]> {
  const members = await store.members.listByBranch(branchId, { status: 'active' });
  const totals = await store.ledger.totals(
    members.map((m) => m.id),
    { ...periodRange(period, now, tz), branchId, category },
  );
  return rankByScore(
    members,
    (m) => totals.get(m.id) ?? 0,
    (m) => m.name,
  );
}

export interface BranchPart {
  branch: Branch;
  total: number;
  rank?: number;
  of: number;
}

export interface PointsSummary {
  total: number;
  /** The 奉献 part of the total. */
  service: number;
  week: number;
  month: number;
  /** The member's points at each of their branches, with the rank there. */
  parts: BranchPart[];
}

export async function pointsSummary(store: Store, member: Member, now: Date, tz: string): Promise<PointsSummary> {
  const since = [periodRange('week', now, tz).from!, periodRange('month', now, tz).from!];
  const {
    total,
    service,
    since: [week, month],
  } = await store.ledger.memberSummary(member.id, since);
  const parts: BranchPart[] = [];
  for (const id of [member.homeBranchId, member.hostBranchId]) {
    const branch = id === undefined ? undefined : await store.branches.get(id);
    if (branch) parts.push({ branch, ...(await store.ledger.standing(member.id, branch.id)) });
  }
  return { total, service, week, month, parts };
}
