import type { Attendance, AttendanceStatus, Meeting, MeetingFields } from '../meetings/meeting';

export type AttendanceInput = Pick<
  Attendance,
  'meetingId' | 'memberId' | 'status' | 'reason' | 'photo' | 'identity' | 'sourceKey'
>;

export interface MeetingFilter {
  branchIds?: number[];
  /** Meetings starting at or after `from` and before `to`. */
  from?: Date;
  to?: Date;
}

/** Meetings (组织生活) and their attendance. Every write a platform retry could repeat is idempotent. */
export interface MeetingRepo {
  /** With a `sourceKey` that made a meeting before, returns that meeting and creates nothing. */
  create(fields: MeetingFields, now: Date, sourceKey?: string): Promise<Meeting>;
  get(id: number): Promise<Meeting | undefined>;
  /** Soonest start first. An empty `branchIds` matches nothing; without it, every branch. */
  list(filter?: MeetingFilter): Promise<Meeting[]>;
  /**
   * One record per (meeting, member). The first call records it; a later `present` turns a `leave` into `present`
   * (the member came after all); anything else changes nothing. `changed` says whether this call wrote.
   */
  attend(input: AttendanceInput, now: Date): Promise<{ attendance: Attendance; changed: boolean }>;
  /** Attendance of these meetings (or of one member), in the order it was recorded. */
  listAttendance(filter: {
    meetingIds?: number[];
    memberId?: number;
    status?: AttendanceStatus;
  }): Promise<Attendance[]>;
}
