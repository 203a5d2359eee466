import type { Branch, Member } from '../model';
import { MEETING_TYPE_NAMES, type Meeting, type MeetingType } from '../meetings/meeting';
import type { Store } from '../store/store';
import { fromLocal, localParts } from '../time/zoned-time';

/** 三会一课: how many of each meeting a branch must hold per quarter (主题党日 is counted, not required). */
export const REQUIRED_PER_QUARTER: Record<MeetingType, number> = {
  general: 1,
  committee: 3,
  group: 3,
  lecture: 1,
  themeDay: 0,
};
const MONTHLY: ReadonlySet<MeetingType> = new Set(['committee', 'group']);

export interface Quarter {
  year: number;
  /** 1–4 */
  q: number;
  from: Date;
  to: Date;
  label: string;
}

export function quarterOf(year: number, q: number, tz: string): Quarter {
  const from = fromLocal(tz, year, (q - 1) * 3 + 1, 1);
  const to = q === 4 ? fromLocal(tz, year + 1, 1, 1) : fromLocal(tz, year, q * 3 + 1, 1);
  return { year, q, from, to, label: `${year} 年第 ${q} 季度` };
}

export function quarterAt(date: Date, tz: string): Quarter {
  const p = localParts(date, tz);
  return quarterOf(p.year, Math.ceil(p.month / 3), tz);
}

export interface TypeFigures {
  type: MeetingType;
  name: string;
  /** Started by now. */
  held: number;
  /** In the quarter but not yet started. */
  scheduled: number;
  required: number;
  /** What should be held or scheduled by now: monthly meetings month by month, the rest in the quarter's last month. */
  dueByNow: number;
}

export interface MemberRate {
  member: Member;
  present: number;
  leave: number;
  /** Meetings held in the quarter that the member was expected at. */
  meetings: number;
  rate: number;
}

export interface QuarterReport {
  branch: Branch;
  quarter: Quarter;
  meetings: Meeting[];
  types: TypeFigures[];
  members: MemberRate[];
}

function dueByNow(type: MeetingType, quarter: Quarter, now: Date, tz: string): number {
  const required = REQUIRED_PER_QUARTER[type];
  if (now >= quarter.to) return required;
  if (now < quarter.from) return 0;
  const monthInQuarter = (localParts(now, tz).month - 1) % 3;
  if (monthInQuarter === 2) return required;
  return MONTHLY.has(type) ? monthInQuarter : 0;
}

function typeFigures(meetings: Meeting[], quarter: Quarter, now: Date, tz: string): TypeFigures[] {
  return (Object.keys(MEETING_TYPE_NAMES) as MeetingType[]).map((type) => {
    const ofType = meetings.filter((m) => m.type === type);
    const held = ofType.filter((m) => new Date(m.startsAt) <= now).length;
    return {
      type,
      name: MEETING_TYPE_NAMES[type],
      held,
      scheduled: ofType.length - held,
      required: REQUIRED_PER_QUARTER[type],
      dueByNow: dueByNow(type, quarter, now, tz),
    };
  });
}

/** Types a branch is behind on: fewer held or scheduled than due by now. */
export const behindOn = (types: TypeFigures[]) => types.filter((t) => t.held + t.scheduled < t.dueByNow);

/** 三会一课 for one branch and quarter: held vs required per type, and each member's attendance rate. */
export async function quarterReport(
  store: Store,
  branch: Branch,
  quarter: Quarter,
  now: Date,
  tz: string,
): Promise<QuarterReport> {
  const meetings = await store.meetings.list({ branchIds: [branch.id], from: quarter.from, to: quarter.to });
  const held = meetings.filter((m) => new Date(m.startsAt) <= now);
  const records = await store.meetings.listAttendance({ meetingIds: held.map((m) => m.id) });
  const members = (await store.members.listByBranch(branch.id, { status: 'active' })).map((member) => {
    const own = records.filter((r) => r.memberId === member.id);
    const present = own.filter((r) => r.status === 'present').length;
    const leave = own.length - present;
    return { member, present, leave, meetings: held.length, rate: held.length ? present / held.length : 0 };
  });
  return { branch, quarter, meetings, types: typeFigures(meetings, quarter, now, tz), members };
}
