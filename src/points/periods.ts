import { startOfLocalMonth, startOfLocalWeek } from '../time/zoned-time';

export type Period = 'week' | 'month' | 'all';

export const PERIOD_NAMES: Record<Period, string> = { week: '本周', month: '本月', all: '总' };

export function parsePeriod(text: string): Period | undefined {
  const t = text.trim();
  if (t === '' || t === '总' || t === '总榜' || t === '全部') return 'all';
  if (t === '本周' || t === '周') return 'week';
  if (t === '本月' || t === '月') return 'month';
  return undefined;
}

export function periodRange(period: Period, now: Date, tz: string): { from?: Date } {
  if (period === 'week') return { from: startOfLocalWeek(now, tz) };
  if (period === 'month') return { from: startOfLocalMonth(now, tz) };
  return {};
}
