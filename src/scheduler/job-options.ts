import { defaultHolidayCalendar, type HolidayCalendar } from '../time/holiday-calendar';

/** Settings the jobs read (from the environment via `jobOptionsFrom`, or injected by tests). */
export interface JobOptions {
  /** Hours before a deadline at which reminders go out (REMINDER_HOURS, default 24,2). */
  reminderHours: number[];
  /** A member is out of contact after this many weeks without a message or submission (OUT_OF_CONTACT_WEEKS, default 4). */
  outOfContactWeeks: number;
  /** How long after its slot a missed weekly push is still sent (default 24 h). */
  pushLookbackMs: number;
  /** Whether ranking posts also tell every member their own rank 1:1 (RANKING_PRIVATE_MESSAGES, default true). */
  privateRanks: boolean;
  /** An opinion open this many days is overdue (OPINION_DAYS, default 15). */
  opinionDays: number;
  calendar: HolidayCalendar;
}

export const DEFAULT_JOB_OPTIONS = {
  reminderHours: [24, 2],
  outOfContactWeeks: 4,
  pushLookbackMs: 24 * 3_600_000,
  privateRanks: true,
  opinionDays: 15,
} as const;

export function jobOptionsFrom(
  config: {
    REMINDER_HOURS?: number[];
    OUT_OF_CONTACT_WEEKS?: number;
    RANKING_PRIVATE_MESSAGES?: boolean;
    OPINION_DAYS?: number;
  } = {},
): JobOptions {
  return {
    reminderHours: [...(config.REMINDER_HOURS ?? DEFAULT_JOB_OPTIONS.reminderHours)].sort((a, b) => b - a),
    outOfContactWeeks: config.OUT_OF_CONTACT_WEEKS ?? DEFAULT_JOB_OPTIONS.outOfContactWeeks,
    pushLookbackMs: DEFAULT_JOB_OPTIONS.pushLookbackMs,
    privateRanks: config.RANKING_PRIVATE_MESSAGES ?? DEFAULT_JOB_OPTIONS.privateRanks,
    opinionDays: config.OPINION_DAYS ?? DEFAULT_JOB_OPTIONS.opinionDays,
    calendar: defaultHolidayCalendar(),
  };
}

/** The options a job run uses: the injected ones, or the defaults. */
export function optionsOf(deps: { options?: JobOptions }): JobOptions {
  return deps.options ?? jobOptionsFrom();
}
