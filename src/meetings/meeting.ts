/** Meetings of a branch's organizational life (组织生活) and who attended them. */
export type MeetingType = 'general' | 'committee' | 'group' | 'lecture' | 'themeDay';

export const MEETING_TYPE_NAMES: Record<MeetingType, string> = {
  general: '支部党员大会',
  committee: '支委会',
  group: '党小组会',
  lecture: '党课',
  themeDay: '主题党日',
};

export interface MeetingFields {
  branchId: number;
  title: string;
  type: MeetingType;
  startsAt: string;
  endsAt: string;
  /** Where it is held (线下); a meeting has a place, an online link, or both. */
  place?: string;
  onlineUrl?: string;
  /** Sign-in opens this many minutes before the start and closes at the end. */
  signInLeadMinutes: number;
  points: number;
  /** 线下 sign-in needs a photo of the sender at the meeting. */
  photoRequired: boolean;
  createdBy: string;
}

export interface Meeting extends MeetingFields {
  id: number;
  createdAt: string;
  /** Dedupe key of the 安排会议 message. */
  sourceKey?: string;
}

export type AttendanceStatus = 'present' | 'leave';

export interface Attendance {
  id: number;
  meetingId: number;
  memberId: number;
  status: AttendanceStatus;
  /** 请假 reason, verbatim. */
  reason?: string;
  /** sha256 of the sign-in photo, when one was sent. */
  photo?: string;
  identity: string;
  sourceKey: string;
  createdAt: string;
  updatedAt: string;
}

export const meetingCode = (id: number) => `M${id}`;

/** Sign-in opens `signInLeadMinutes` before the start and closes at the end. */
export function signInWindow(meeting: Meeting): { opens: Date; closes: Date } {
  const opens = new Date(Date.parse(meeting.startsAt) - meeting.signInLeadMinutes * 60_000);
  return { opens, closes: new Date(meeting.endsAt) };
}
