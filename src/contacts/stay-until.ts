import { DEADLINE_FORMS, parseDeadlineText } from '../time/parse-deadline-text';
import { localDate } from '../time/zoned-time';

/** The date forms 停留到 takes: the deadline forms without their time (2027-02-20, 2月20日, 周五 …). */
export const STAY_FORMS = [...new Set(DEADLINE_FORMS.map((f) => f.replace(/\s+\d{1,2}:\d{2}$/, '')))];

/**
 * `停留到 2月20日` (or `停留至`, `待到`) after 返乡报到 → `YYYY-MM-DD`; `undefined` when nothing was said;
 * `'invalid'` when a date was written that is not one of STAY_FORMS, is past, or more than 120 days ahead.
 */
export function parseStayUntil(text: string, now: Date, tz: string): string | undefined | 'invalid' {
  const rest = text.trim();
  if (!rest) return undefined;
  const m = /^(?:停留|待|住)(?:到|至)\s*(.+)$/u.exec(rest);
  if (!m) return 'invalid';
  const at = parseDeadlineText(`${m[1].trim()} 23:59`, now, tz);
  if (!at || at < now || at.getTime() - now.getTime() > 120 * 86_400_000) return 'invalid';
  return localDate(at, tz);
}
