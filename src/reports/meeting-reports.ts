import { canSeeBranch, type AccessScope } from '../access/access-scope';
import type { Branch } from '../model';
import { attendanceSheet, type AttendanceSheet } from '../meetings/attendance-sheet';
import type { Meeting } from '../meetings/meeting';
import type { Store } from '../store/store';
import { quarterAt, quarterOf, quarterReport, type Quarter, type QuarterReport } from './meeting-quarters';

/** `?quarter=2026-4`, or the quarter `now` is in. */
export function quarterParam(raw: unknown, now: Date, tz: string): Quarter {
  const m = typeof raw === 'string' ? /^(\d{4})-([1-4])$/.exec(raw) : null;
  return m ? quarterOf(Number(m[1]), Number(m[2]), tz) : quarterAt(now, tz);
}

/** The current quarter and the three before it, newest first (the quarter picker). */
export function recentQuarters(now: Date, tz: string): Quarter[] {
  const out = [quarterAt(now, tz)];
  while (out.length < 4) out.push(quarterAt(new Date(out[out.length - 1].from.getTime() - 86_400_000), tz));
  return out;
}

/** The attendance sheet of each meeting of these branches in the quarter, soonest first. */
export async function meetingSheets(store: Store, branches: Branch[], quarter: Quarter): Promise<AttendanceSheet[]> {
  const meetings = await store.meetings.list({
    branchIds: branches.map((b) => b.id),
    from: quarter.from,
    to: quarter.to,
  });
  return Promise.all(meetings.map((m) => attendanceSheet(store, m)));
}

export async function quarterReports(
  store: Store,
  branches: Branch[],
  quarter: Quarter,
  now: Date,
  tz: string,
): Promise<QuarterReport[]> {
  return Promise.all(branches.map((b) => quarterReport(store, b, quarter, now, tz)));
}

/** A meeting the viewer may see (its branch is in scope), by its number. */
export async function visibleMeeting(store: Store, scope: AccessScope, raw: string): Promise<Meeting | undefined> {
  const id = Number(/^m?(\d{1,9})$/i.exec(raw)?.[1]);
  const meeting = Number.isInteger(id) ? await store.meetings.get(id) : undefined;
  return meeting && canSeeBranch(scope, meeting.branchId) ? meeting : undefined;
}
