/**
 * The figures behind the ranking posts: each branch's members ranked by points in a period, its 人均 (points per
 * active member), and the county board of branches by 人均 (流动红旗). Balances always come from the ledger.
 */
import type { Branch, Member } from '../model';
import { categorySplit, type Split } from './categories';
import { periodRange, type Period } from './periods';
import { rankByScore, type Ranked } from './ranking';
import { formatLocal, localParts } from '../time/zoned-time';
import type { Store } from '../store/store';

export interface BranchBoard {
  branch: Branch;
  ranked: Ranked<Member>[];
  total: number;
  members: number;
  average: number;
  /** Each member's points split into 学习 and 奉献. */
  split: Map<number, Split>;
}

export interface CountyBoard {
  period: Period;
  label: string;
  branches: BranchBoard[];
  /** Branches with members, ranked by 人均. */
  byAverage: Ranked<BranchBoard>[];
}

/** Which rankings a fire at `now` publishes: the week on Sundays, the month on its last day. */
export function rankingPeriods(now: Date, tz: string): Period[] {
  const p = localParts(now, tz);
  const lastDay = new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
  return [...(p.weekday === 7 ? ['week' as const] : []), ...(p.day === lastDay ? ['month' as const] : [])];
}

export function periodLabel(period: Period, now: Date, tz: string): string {
  if (period === 'month') return `${localParts(now, tz).month}月`;
  const from = periodRange(period, now, tz).from;
  return `本周（${from ? formatLocal(from, tz).slice(0, 5) : ''} 至 ${formatLocal(now, tz).slice(0, 5)}）`;
}

export async function countyBoard(store: Store, period: Period, now: Date, tz: string): Promise<CountyBoard> {
  // Points booked after the fire time do not count, so a fire caught up late still publishes the same figures.
  const range = { ...periodRange(period, now, tz), to: now };
  const branches: BranchBoard[] = [];
  for (const branch of await store.branches.list()) {
    const members = await store.members.listByBranch(branch.id, { status: 'active' });
    // A branch counts the points earned on its own tasks and entries, not what its 双报 members earned elsewhere.
    const totals = await store.ledger.totals(
      members.map((m) => m.id),
      { ...range, branchId: branch.id },
    );
    const ranked = rankByScore(
      members,
      (m) => totals.get(m.id) ?? 0,
      (m) => m.name,
    );
    const total = ranked.reduce((sum, r) => sum + r.score, 0);
    const split = await categorySplit(
      store,
      members.map((m) => m.id),
      { ...range, branchId: branch.id },
    );
    branches.push({
      split,
      branch,
      ranked,
      total,
      members: members.length,
      average: members.length ? total / members.length : 0,
    });
  }
  const byAverage = rankByScore(
    branches.filter((b) => b.members > 0),
    (b) => Math.round(b.average * 10) / 10,
    (b) => b.branch.name,
  );
  return { period, label: periodLabel(period, now, tz), branches, byAverage };
}

export function formatAverage(n: number): string {
  return (Math.round(n * 10) / 10).toFixed(1);
}
