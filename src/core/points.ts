import type { Member } from './model';
import type { Store } from '../store/store';
import { periodRange, type Period } from './periods';
import { rankByScore, type Ranked } from './ranking';

/** A branch's active members ranked by points in the period (balances are always derived from the ledger). */
export async function branchRanking(store: Store, branchId: number, period: Period, now: Date, tz: string): Promise<Ranked<Member>[]> {
  const members = await store.members.listByBranch(branchId, { status: 'active' });
  const totals = await store.ledger.totals(members.map((m) => m.id), periodRange(period, now, tz));
  return rankByScore(members, (m) => totals.get(m.id) ?? 0, (m) => m.name);
}

export interface PointsSummary {
  total: number;
  week: number;
  month: number;
  rank?: number;
  of: number;
}

export async function pointsSummary(store: Store, member: Member, branchId: number | undefined, now: Date, tz: string): Promise<PointsSummary> {
  const sum = async (period: Period) => (await store.ledger.totals([member.id], periodRange(period, now, tz))).get(member.id) ?? 0;
  const [total, week, month] = [await sum('all'), await sum('week'), await sum('month')];
  if (branchId === undefined) return { total, week, month, of: 0 };
  const ranking = await branchRanking(store, branchId, 'all', now, tz);
  return { total, week, month, rank: ranking.find((r) => r.item.id === member.id)?.rank, of: ranking.length };
}
