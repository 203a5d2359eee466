/**
 * When a branch's weekly task push goes out: the branch's plan (计划 每周一 09:00, default Monday 09:00) in
 * BOT_TIMEZONE, moved off public holidays to the next working day (a 调休 Saturday/Sunday counts as one).
 * A slot is keyed by the local date it actually goes out on, so two holiday-shifted weeks landing on the same
 * day give one push, not two.
 */
import { UsageError } from '../errors';
import { addDays, weekdayOf, type HolidayCalendar } from '../time/holiday-calendar';
import { fromLocal, localDate } from '../time/zoned-time';

export interface PushPlan {
  weekday: number;
  time: string;
}

export interface PushSlot {
  /** Local date the push goes out on: also the slot's key. */
  day: string;
  /** The planned date when the holiday calendar moved the push. */
  plannedDay?: string;
  /** Name of the holiday that moved it. */
  holiday?: string;
  at: Date;
}

export const DEFAULT_PUSH_PLAN: PushPlan = { weekday: 1, time: '09:00' };
export const WEEKDAY_NAMES = ['', '一', '二', '三', '四', '五', '六', '日'];
/** The push job checks every 5 minutes, so plan times are whole 5-minute marks. */
export const PUSH_MINUTE_STEP = 5;

const DAY_WORDS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
  1: 1,
  2: 2,
  3: 3,
  4: 4,
  5: 5,
  6: 6,
  7: 7,
};

/** Parses `每周一 09:00` (also `周一 9:00`, `星期日 20:30`). */
export function parsePushPlan(text: string): PushPlan {
  const m = /^(?:每)?(?:周|星期|礼拜)\s*([一二三四五六日天1-7])\s*(\d{1,2})[:：.](\d{2})$/.exec(text.trim());
  if (!m) throw new UsageError(`看不懂「${text}」，请写星期几和时间，例如：计划 每周一 09:00`);
  const [hour, minute] = [Number(m[2]), Number(m[3])];
  if (hour > 23 || minute > 59) throw new UsageError(`时间「${m[2]}:${m[3]}」不存在，应为 00:00–23:55`);
  if (minute % PUSH_MINUTE_STEP !== 0)
    throw new UsageError(`时间请取 ${PUSH_MINUTE_STEP} 分钟的整数倍，例如 09:00、09:30、20:05`);
  return { weekday: DAY_WORDS[m[1]], time: `${String(hour).padStart(2, '0')}:${m[3]}` };
}

export function describePlan(plan: PushPlan): string {
  return `每周${WEEKDAY_NAMES[plan.weekday]} ${plan.time}`;
}

function slotFor(plan: PushPlan, planned: string, tz: string, calendar: HolidayCalendar): PushSlot {
  const day = calendar.pushDay(planned);
  const [y, mo, d] = day.split('-').map(Number);
  const [hh, mm] = plan.time.split(':').map(Number);
  const at = fromLocal(tz, y, mo, d, hh, mm);
  return day === planned ? { day, at } : { day, at, plannedDay: planned, holiday: calendar.holidayName(planned) };
}

/** The branch's slots whose planned day lies within `weeks` weeks either side of `now`, in time order. */
export function pushSlotsAround(
  plan: PushPlan,
  now: Date,
  tz: string,
  calendar: HolidayCalendar,
  weeks = 3,
): PushSlot[] {
  const today = localDate(now, tz);
  let planned = addDays(today, -7 * weeks);
  while (weekdayOf(planned) !== plan.weekday) planned = addDays(planned, 1);
  const slots = new Map<string, PushSlot>();
  for (; planned <= addDays(today, 7 * weeks); planned = addDays(planned, 7)) {
    const slot = slotFor(plan, planned, tz, calendar);
    if (!slots.has(slot.day)) slots.set(slot.day, slot);
  }
  return [...slots.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The latest slot at or before `now` that is at most `lookbackMs` old: the push that is due now. */
export function duePushSlot(
  plan: PushPlan,
  now: Date,
  tz: string,
  calendar: HolidayCalendar,
  lookbackMs: number,
): PushSlot | undefined {
  const due = pushSlotsAround(plan, now, tz, calendar).filter(
    (s) => s.at <= now && now.getTime() - s.at.getTime() < lookbackMs,
  );
  return due.at(-1);
}

/** The first slot after `now`. */
export function nextPushSlot(plan: PushPlan, now: Date, tz: string, calendar: HolidayCalendar): PushSlot | undefined {
  return pushSlotsAround(plan, now, tz, calendar).find((s) => s.at > now);
}
