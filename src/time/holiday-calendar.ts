/**
 * Official Chinese public holidays and 调休 working days, read from one dated JSON file per year in
 * src/time/calendar/ (`2026.json`, `2027.json`, …). Adding a year = adding a file; nothing else changes.
 * Dates are local calendar dates (`YYYY-MM-DD`) in BOT_TIMEZONE.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ZhibuError } from '../errors';

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期应为 YYYY-MM-DD' });
const fileSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  status: z.enum(['official', 'provisional']),
  source: z.string().min(1),
  url: z.string().url().optional(),
  note: z.string().optional(),
  holidays: z.array(z.object({ name: z.string().min(1), from: DATE, to: DATE })),
  workdays: z.array(z.object({ date: DATE, name: z.string().min(1) })),
});

export type CalendarFile = z.infer<typeof fileSchema>;
export const CALENDAR_DIR = path.join(__dirname, 'calendar');

/** `YYYY-MM-DD` plus `days`. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
}

function fail(file: string, problem: string): never {
  throw new ZhibuError('CONFIG_INVALID', `holiday calendar ${file}: ${problem}`, {
    fix: 'correct the file against the State Council notice (see README.md, 节假日日历)',
  });
}

export class HolidayCalendar {
  private readonly holidays = new Map<string, string>();
  private readonly workdays = new Map<string, string>();
  readonly years = new Map<number, Pick<CalendarFile, 'year' | 'status' | 'source' | 'note'>>();

  /** Validates and merges parsed files; `name` is used in error messages. */
  constructor(files: Array<{ name: string; data: unknown }> = []) {
    for (const f of files) this.add(f.name, f.data);
  }

  private add(name: string, data: unknown): void {
    const parsed = fileSchema.safeParse(data);
    if (!parsed.success) fail(name, `${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}`);
    const file = parsed.data;
    if (this.years.has(file.year)) fail(name, `year ${file.year} is defined twice`);
    const inYear = (d: string) =>
      d.startsWith(`${file.year}-`) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && addDays(d, 0) === d;
    for (const h of file.holidays) {
      if (!inYear(h.from) || !inYear(h.to) || h.from > h.to)
        fail(name, `holiday ${h.name} ${h.from}..${h.to} is not a range inside ${file.year}`);
      for (let d = h.from; d <= h.to; d = addDays(d, 1)) this.holidays.set(d, h.name);
    }
    for (const w of file.workdays) {
      if (!inYear(w.date)) fail(name, `workday ${w.date} is not a date in ${file.year}`);
      // A 调休 working day is always a Saturday or Sunday; anything else is a typo.
      if (weekdayOf(w.date) < 6) fail(name, `workday ${w.date} is not a Saturday or Sunday`);
      if (this.holidays.has(w.date)) fail(name, `${w.date} is both a holiday and a workday`);
      this.workdays.set(w.date, w.name);
    }
    this.years.set(file.year, { year: file.year, status: file.status, source: file.source, note: file.note });
  }

  holidayName(date: string): string | undefined {
    return this.holidays.get(date);
  }

  isAdjustedWorkday(date: string): boolean {
    return this.workdays.has(date);
  }

  /** Monday–Friday unless a holiday, plus 调休 working days on a weekend. */
  isWorkingDay(date: string): boolean {
    if (this.workdays.has(date)) return true;
    return !this.holidays.has(date) && weekdayOf(date) <= 5;
  }

  /**
   * The day a push planned for `date` goes out: that day unless it is a public holiday, otherwise the first working
   * day after it (which may be a 调休 Saturday or Sunday).
   */
  pushDay(date: string): string {
    if (!this.holidays.has(date)) return date;
    let d = addDays(date, 1);
    for (let i = 0; i < 31 && !this.isWorkingDay(d); i++) d = addDays(d, 1);
    return d;
  }

  /** Operator warnings for the given years: missing or provisional calendar files. */
  warnings(years: number[]): string[] {
    return [...new Set(years)].flatMap((y) => {
      const known = this.years.get(y);
      if (!known) return [`节假日日历缺少 ${y} 年：请添加 src/time/calendar/${y}.json（否则该年不避开节假日）`];
      return known.status === 'provisional'
        ? [`${y} 年节假日日历为暂定版本，请按国务院办公厅通知更新 src/time/calendar/${y}.json`]
        : [];
    });
  }
}

/** Reads every `<year>.json` in `dir`. */
export function loadHolidayCalendar(dir = CALENDAR_DIR): HolidayCalendar {
  const names = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((n) => /^\d{4}\.json$/.test(n))
        .sort()
    : [];
  return new HolidayCalendar(
    names.map((name) => {
      const file = path.join(dir, name);
      try {
        return { name: file, data: JSON.parse(fs.readFileSync(file, 'utf8')) as unknown };
      } catch (cause) {
        return fail(file, `not valid JSON (${cause instanceof Error ? cause.message : String(cause)})`);
      }
    }),
  );
}

let cached: HolidayCalendar | undefined;

/** The calendar shipped in the repository, loaded once. */
export function defaultHolidayCalendar(): HolidayCalendar {
  cached ??= loadHolidayCalendar();
  return cached;
}
