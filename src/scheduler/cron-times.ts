/**
 * Fire times of a cron expression in a time zone, forwards and backwards from any instant. node-cron itself only
 * knows "next from the real now"; the scheduler also needs "the fires I missed" (catch-up) and `jobs list` needs
 * "next run" from an injected clock. Fields come from node-cron's own parser, so both agree on the syntax.
 * Minute resolution (the seconds field must be 0); day-of-month and day-of-week are ANDed, as node-cron does.
 */
import { parse, validate } from 'node-cron';
import { addDays, weekdayOf } from '../time/holiday-calendar';
import { fromLocal, localDate } from '../time/zoned-time';

interface Fields {
  minutes: number[];
  hours: number[];
  days: Array<number | string>;
  months: number[];
  weekdays: Array<number | string>;
}

const cache = new Map<string, Fields>();

function fieldsOf(expression: string): Fields {
  let f = cache.get(expression);
  if (f) return f;
  if (!validate(expression)) throw new Error(`invalid cron expression "${expression}"`);
  const p = parse(expression);
  if (p.second.length !== 1 || p.second[0] !== 0)
    throw new Error(`cron expression "${expression}": jobs run at whole minutes (seconds must be 0)`);
  f = {
    minutes: [...p.minute].sort((a, b) => a - b),
    hours: [...p.hour].sort((a, b) => a - b),
    days: p.dayOfMonth,
    months: p.month,
    weekdays: p.dayOfWeek,
  };
  cache.set(expression, f);
  return f;
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dayMatches(f: Fields, date: string): boolean {
  const [y, m, d] = date.split('-').map(Number);
  if (!f.months.includes(m)) return false;
  const domOk = f.days.some((v) => v === d || (v === 'L' && d === lastDayOfMonth(y, m)));
  const dow = weekdayOf(date) % 7; // node-cron: 0 = Sunday
  return domOk && f.weekdays.some((v) => v === dow);
}

/** The fire times of one local day, ascending. */
function firesOn(f: Fields, date: string, tz: string): Date[] {
  if (!dayMatches(f, date)) return [];
  const [y, m, d] = date.split('-').map(Number);
  return f.hours.flatMap((h) => f.minutes.map((min) => fromLocal(tz, y, m, d, h, min)));
}

const MAX_DAYS = 400;

/** The first fire strictly after `after`. */
export function nextFire(expression: string, after: Date, tz: string): Date | undefined {
  const f = fieldsOf(expression);
  let day = localDate(after, tz);
  for (let i = 0; i < MAX_DAYS; i++, day = addDays(day, 1)) {
    const hit = firesOn(f, day, tz).find((t) => t > after);
    if (hit) return hit;
  }
  return undefined;
}

/** The last fire at or before `atOrBefore`. */
export function previousFire(expression: string, atOrBefore: Date, tz: string): Date | undefined {
  const f = fieldsOf(expression);
  let day = localDate(atOrBefore, tz);
  for (let i = 0; i < MAX_DAYS; i++, day = addDays(day, -1)) {
    const hit = firesOn(f, day, tz)
      .filter((t) => t <= atOrBefore)
      .at(-1);
    if (hit) return hit;
  }
  return undefined;
}

/** Fires in `(from, to]`, oldest first, at most `limit` (the newest ones are kept). */
export function firesBetween(expression: string, from: Date, to: Date, tz: string, limit = 50): Date[] {
  const out: Date[] = [];
  for (
    let t = previousFire(expression, to, tz);
    t && t > from && out.length < limit;
    t = previousFire(expression, new Date(t.getTime() - 1), tz)
  ) {
    out.push(t);
  }
  return out.reverse();
}

export function isValidSchedule(expression: string): boolean {
  try {
    fieldsOf(expression);
    return true;
  } catch {
    return false;
  }
}
