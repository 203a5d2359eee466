/**
 * Deadlines as secretaries type them. Only these forms are accepted, so a date the bot would read differently from
 * the writer is refused with the list instead of being taken silently; the parsed time is always echoed back with
 * its weekday.
 */
import { fromLocal, localParts } from './zoned-time';

export const DEADLINE_FORMS = [
  '2026-12-31 18:00',
  '2026/12/31 18:00',
  '12月31日 18:00',
  '12-31 18:00',
  '明天 18:00',
  '周五 18:00',
];

const WEEKDAY_WORDS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
const DAY_WORDS: Record<string, number> = { 今天: 0, 明天: 1, 后天: 2 };
const TIME = String.raw`\s+(\d{1,2}):(\d{2})$`;

interface Day {
  year: number;
  month: number;
  day: number;
}

function dayPlus(base: Day, days: number): Day {
  const d = new Date(Date.UTC(base.year, base.month - 1, base.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function validDay(d: Day): boolean {
  const probe = new Date(Date.UTC(d.year, d.month - 1, d.day));
  return d.month >= 1 && d.month <= 12 && probe.getUTCMonth() === d.month - 1 && probe.getUTCDate() === d.day;
}

/** The calendar day the date part names, relative to today where it is relative. */
function dayOf(datePart: string, now: Date, tz: string): Day | undefined {
  const today = localParts(now, tz);
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(datePart);
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  m = /^(\d{1,2})月(\d{1,2})[日号]?$/.exec(datePart) ?? /^(\d{1,2})[-/](\d{1,2})$/.exec(datePart);
  if (m) {
    // A date without a year is the next such date: typed in December, 1月5日 means next January.
    const thisYear = { year: today.year, month: Number(m[1]), day: Number(m[2]) };
    const past = thisYear.month < today.month || (thisYear.month === today.month && thisYear.day < today.day);
    return past ? { ...thisYear, year: today.year + 1 } : thisYear;
  }
  if (datePart in DAY_WORDS) return dayPlus(today, DAY_WORDS[datePart]);
  m = /^(下)?(?:周|星期|礼拜)([一二三四五六日天])$/.exec(datePart);
  if (m) {
    const target = WEEKDAY_WORDS[m[2]];
    const ahead = m[1] ? 7 - today.weekday + target : (target - today.weekday + 7) % 7;
    return dayPlus(today, ahead);
  }
  return undefined;
}

/** The instant the text names in `tz`, or undefined when it is not one of DEADLINE_FORMS (or no such day/time). */
export function parseDeadlineText(text: string, now: Date, tz: string): Date | undefined {
  const m = new RegExp(`^(.+?)${TIME}`).exec(text.trim());
  if (!m) return undefined;
  const day = dayOf(m[1].trim(), now, tz);
  const [hour, minute] = [Number(m[2]), Number(m[3])];
  if (!day || !validDay(day) || hour > 23 || minute > 59) return undefined;
  let at = fromLocal(tz, day.year, day.month, day.day, hour, minute);
  // 周五 18:00 typed on a Friday after 18:00 means next Friday.
  if (/^(?:周|星期|礼拜)/.test(m[1].trim()) && at <= now) at = new Date(at.getTime() + 7 * 86_400_000);
  return at;
}

const WEEKDAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** `2026-12-31 18:00（周四）`: the form every deadline is echoed in. */
export function formatDeadline(date: Date, tz: string): string {
  const p = localParts(date, tz);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}（${WEEKDAY_NAMES[p.weekday]}）`;
}
