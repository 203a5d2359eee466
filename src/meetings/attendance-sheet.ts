import type { Member } from '../model';
import type { Store } from '../store/store';
import type { Attendance, Meeting } from './meeting';

export interface AttendanceRow {
  member: Member;
  attendance: Attendance;
}

/** Who was expected at a meeting and how each answered: present, on leave, or absent (not yet signed in). */
export interface AttendanceSheet {
  meeting: Meeting;
  expected: Member[];
  present: AttendanceRow[];
  leave: AttendanceRow[];
  absent: Member[];
}

/**
 * Expected: the active members whose home or host branch holds the meeting (a 双报 member is expected at both
 * branches' meetings). A member who signed in is listed even if they left the branch since.
 */
export async function attendanceSheet(store: Store, meeting: Meeting): Promise<AttendanceSheet> {
  const expected = await store.members.listByBranch(meeting.branchId, { status: 'active' });
  const records = await store.meetings.listAttendance({ meetingIds: [meeting.id] });
  const byId = new Map(expected.map((m) => [m.id, m]));
  const rows: AttendanceRow[] = [];
  for (const attendance of records) {
    const member = byId.get(attendance.memberId) ?? (await store.members.get(attendance.memberId));
    if (member) rows.push({ member, attendance });
  }
  const answered = new Set(records.map((r) => r.memberId));
  return {
    meeting,
    expected,
    present: rows.filter((r) => r.attendance.status === 'present'),
    leave: rows.filter((r) => r.attendance.status === 'leave'),
    absent: expected.filter((m) => !answered.has(m.id)),
  };
}
