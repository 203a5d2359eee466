import type { Branch, LedgerEntry, Member } from '../model';
import type { Store } from '../store/store';
import { periodRange, type Period } from '../points/periods';
import { rankByScore, type Ranked } from '../points/ranking';
import { fromLocal, localParts } from '../time/zoned-time';

export interface BranchAverage {
  branch: Branch;
  members: number;
  total: number;
  /** 人均: points per active member of the branch. */
  average: number;
}

export interface MonthPoints {
  month: string;
  points: number;
  entries: number;
}

/**
 * Active members ranked by points in the period (balances derived from the ledger, as in the chat 排名); with
 * `branchId`, only the points booked for that branch.
 */
export async function rankMembers(
  store: Store,
  members: Member[],
  period: Period,
  now: Date,
  tz: string,
  branchId?: number,
): Promise<Ranked<Member>[]> {
  const active = members.filter((m) => m.status === 'active');
  const totals = await store.ledger.totals(
    active.map((m) => m.id),
    { ...periodRange(period, now, tz), branchId },
  );
  return rankByScore(
    active,
    (m) => totals.get(m.id) ?? 0,
    (m) => m.name,
  );
}

/**
 * 人均 per branch: the points booked for the branch over its active members. A member registered at home and host
 * counts as a member of both, but each branch only counts the points earned on its own work.
 */
export async function branchAverages(
  store: Store,
  members: Member[],
  branches: Branch[],
  period: Period,
  now: Date,
  tz: string,
): Promise<BranchAverage[]> {
  const out: BranchAverage[] = [];
  for (const branch of branches) {
    const mine = members.filter(
      (m) => m.status === 'active' && (m.homeBranchId === branch.id || m.hostBranchId === branch.id),
    );
    const ranked = await rankMembers(store, mine, period, now, tz, branch.id);
    const total = ranked.reduce((n, r) => n + r.score, 0);
    out.push({
      branch,
      members: mine.length,
      total,
      average: mine.length ? Math.round((total / mine.length) * 100) / 100 : 0,
    });
  }
  return out;
}

function monthKey(date: Date, tz: string): string {
  const p = localParts(date, tz);
  return `${p.year}-${String(p.month).padStart(2, '0')}`;
}

/** Net points booked per local month over the last `months` months, for these members. */
export async function monthlyTrend(
  store: Store,
  memberIds: ReadonlySet<number>,
  now: Date,
  tz: string,
  months = 12,
): Promise<MonthPoints[]> {
  const p = localParts(now, tz);
  const keys: string[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(p.year, p.month - 1 - i, 1));
    keys.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  const from = fromLocal(tz, Number(keys[0].slice(0, 4)), Number(keys[0].slice(5)), 1);
  const byMonth = new Map<string, MonthPoints>(keys.map((k) => [k, { month: k, points: 0, entries: 0 }]));
  for (const e of await store.ledger.list({ from })) {
    const bucket = memberIds.has(e.memberId) ? byMonth.get(monthKey(new Date(e.createdAt), tz)) : undefined;
    if (bucket) {
      bucket.points += e.delta;
      bucket.entries++;
    }
  }
  return keys.map((k) => byMonth.get(k)!);
}

/** Ledger entries of these members, oldest first. */
export async function ledgerOf(store: Store, memberIds: ReadonlySet<number>): Promise<LedgerEntry[]> {
  return (await store.ledger.list()).filter((e) => memberIds.has(e.memberId));
}
