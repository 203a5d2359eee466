/**
 * The 返乡报到 window: by default 腊月十五 to 正月十五 of each lunar year, both days included, as local dates.
 * The lunar dates come from a table (the published lunar calendar: 春节 2027-02-06 and 2028-01-26), because the
 * runtime's Chinese calendar is computed and may be a day off around a new moon. HOMECOMING_WINDOWS replaces it.
 */
export interface HomecomingWindow {
  /** The lunar year pair, e.g. `2026-2027`: one report per member per season. */
  season: string;
  from: string;
  to: string;
}

export const DEFAULT_HOMECOMING_WINDOWS: readonly HomecomingWindow[] = [
  { season: '2026-2027', from: '2027-01-22', to: '2027-02-20' },
  { season: '2027-2028', from: '2028-01-11', to: '2028-02-09' },
];

const RANGE = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;

const realDate = (d: string) => new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

/**
 * `2027-01-22..2027-02-20,2028-01-11..2028-02-09` → windows; undefined when any part is malformed, impossible,
 * reversed or longer than 90 days. The season is named after the Spring Festival's year and the one before.
 */
export function parseHomecomingWindows(text: string): HomecomingWindow[] | undefined {
  const windows: HomecomingWindow[] = [];
  for (const part of text.split(',').map((p) => p.trim())) {
    const m = RANGE.exec(part);
    if (!m || !realDate(m[1]) || !realDate(m[2]) || m[1] > m[2]) return undefined;
    if (Date.parse(m[2]) - Date.parse(m[1]) > 90 * 86_400_000) return undefined;
    // A window ending in the second half of a year (a test or an early trial) belongs to the next Spring Festival.
    const festivalYear = Number(m[2].slice(0, 4)) + (Number(m[2].slice(5, 7)) > 6 ? 1 : 0);
    windows.push({ season: `${festivalYear - 1}-${festivalYear}`, from: m[1], to: m[2] });
  }
  return windows.length ? windows : undefined;
}

/** The window `today` (`YYYY-MM-DD`, local) falls in, if any. */
export function windowOn(today: string, windows: readonly HomecomingWindow[]): HomecomingWindow | undefined {
  return windows.find((w) => w.from <= today && today <= w.to);
}

/** The window open on `today`, else the next one to open, else the last one (what a 返乡名单 shows). */
export function currentSeason(today: string, windows: readonly HomecomingWindow[]): HomecomingWindow | undefined {
  return windowOn(today, windows) ?? windows.find((w) => w.from > today) ?? windows.at(-1);
}
