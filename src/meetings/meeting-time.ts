/**
 * Meeting times as members type them: the deadline forms (`12月10日 14:00`, `明天 15:00`), spoken clock times
 * (`明天下午3点`, `周五晚上7点半`) and a range (`14:00-16:00`, `下午3点至5点`). Spoken forms are rewritten into the
 * deadline forms first, so every time is read by the one parser the bot already echoes back.
 */
import { UsageError } from '../errors';
import { DEADLINE_FORMS, formatDeadline, parseDeadlineText } from '../time/parse-deadline-text';
import { localParts, fromLocal } from '../time/zoned-time';

const AFTERNOON = /^(下午|晚上|傍晚|今晚|明晚)$/;
const SPOKEN = /(上午|早上|中午|下午|晚上|傍晚)?\s*(\d{1,2})\s*[点时](半|(\d{1,2})分?)?/g;

/** `下午3点半` → `15:30`; a time already in `HH:mm` is left alone. */
export function spokenClock(text: string): string {
  const afternoon = text.replace(/(下午|晚上|傍晚)\s*(\d{1,2}):(\d{2})/g, (_all, _p, h: string, m: string) =>
    Number(h) < 12 ? ` ${Number(h) + 12}:${m}` : ` ${h}:${m}`,
  );
  return afternoon.replace(SPOKEN, (_all, part: string | undefined, h: string, half?: string, min?: string) => {
    let hour = Number(h);
    if (part && AFTERNOON.test(part) && hour < 12) hour += 12;
    if (part === '中午' && hour < 6) hour += 12;
    const minute = half === '半' ? 30 : Number(min ?? 0);
    return ` ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  });
}

const RANGE = /^(.*?\d{1,2}:\d{2})\s*(?:-|~|～|—|至|到)\s*(\d{1,2}):(\d{2})$/;

export interface MeetingTimes {
  startsAt: Date;
  /** Only when the text named an end. */
  endsAt?: Date;
}

/** The start (and end, when given as a range) the text names, or a UsageError with the accepted forms. */
export function parseMeetingTime(value: string | undefined, now: Date, tz: string): MeetingTimes {
  if (!value) throw new UsageError(`缺少「时间：…」，例如 时间：${DEADLINE_FORMS[0]}`);
  const text = spokenClock(value.replace(/今晚/, '今天晚上').replace(/明晚/, '明天晚上')).replace(/\s+/g, ' ').trim();
  const range = RANGE.exec(text);
  const startsAt = parseDeadlineText((range ? range[1] : text).replace(/([^\d\s])(\d{1,2}:\d{2})/, '$1 $2'), now, tz);
  if (!startsAt)
    throw new UsageError(`会议时间「${value}」看不懂。可以这样写：${DEADLINE_FORMS.join('、')}、明天下午3点`);
  if (startsAt <= now) throw new UsageError(`会议时间 ${formatDeadline(startsAt, tz)} 已经过去了，请填写将来的时间`);
  if (!range) return { startsAt };
  const p = localParts(startsAt, tz);
  // `下午3点至5点`: an end hour without its own 下午 is in the afternoon when the start is.
  const endHour = Number(range[2]) < 12 && p.hour >= 12 ? Number(range[2]) + 12 : Number(range[2]);
  const endsAt = fromLocal(tz, p.year, p.month, p.day, endHour, Number(range[3]));
  if (endsAt <= startsAt) throw new UsageError(`结束时间应晚于开始时间（${value}）`);
  return { startsAt, endsAt };
}
