import type { AccessScope } from '../access/access-scope';
import type { Opinion } from '../opinions/opinion';
import type { Store } from '../store/store';
import { localDate } from '../time/zoned-time';

/** 销号 figures of one branch in one month (by the month an opinion was received). */
export interface OpinionMonthFigures {
  branchId: number;
  /** `2026-12` */
  month: string;
  received: number;
  closed: number;
  referred: number;
  /** Neither closed nor referred. */
  open: number;
  /** closed / received, in percent with one decimal; undefined when nothing was received. */
  closureRate?: number;
  /** Median days from receiving to 销号, over the closed ones. */
  medianDaysToClose?: number;
}

/** Opinions the branches in scope answer for (optionally one branch, itself in scope), newest first. */
export async function visibleOpinions(store: Store, scope: AccessScope, branchId?: number): Promise<Opinion[]> {
  if (branchId !== undefined)
    return scope.all || scope.branchIds.has(branchId) ? store.opinions.list({ branchIds: [branchId] }) : [];
  return scope.all ? store.opinions.list() : store.opinions.list({ branchIds: [...scope.branchIds] });
}

export function median(values: number[]): number | undefined {
  if (!values.length) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** 销号率 as a percentage with one decimal (undefined for an empty base). */
export function rate(part: number, whole: number): number | undefined {
  return whole === 0 ? undefined : round1((part / whole) * 100);
}

export function daysToClose(o: Opinion): number | undefined {
  if (o.status !== 'closed' || !o.closedAt) return undefined;
  return (new Date(o.closedAt).getTime() - new Date(o.createdAt).getTime()) / 86_400_000;
}

export function monthFigures(branchId: number, month: string, items: Opinion[]): OpinionMonthFigures {
  const closed = items.filter((o) => o.status === 'closed');
  const referred = items.filter((o) => o.status === 'referred').length;
  const days = closed.map(daysToClose).filter((d): d is number => d !== undefined);
  const mid = median(days);
  return {
    branchId,
    month,
    received: items.length,
    closed: closed.length,
    referred,
    open: items.length - closed.length - referred,
    closureRate: rate(closed.length, items.length),
    medianDaysToClose: mid === undefined ? undefined : round1(mid),
  };
}

/** One row per branch and month (newest month first, then branch id). */
export function opinionMonths(opinions: Opinion[], tz: string): OpinionMonthFigures[] {
  const groups = new Map<string, Opinion[]>();
  for (const o of opinions) {
    const key = `${localDate(new Date(o.createdAt), tz).slice(0, 7)}|${o.branchId}`;
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  return [...groups]
    .map(([key, items]) => {
      const [month, branchId] = key.split('|');
      return monthFigures(Number(branchId), month, items);
    })
    .sort((a, b) => b.month.localeCompare(a.month) || a.branchId - b.branchId);
}
