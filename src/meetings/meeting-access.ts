import type { Member } from '../model';
import type { Store } from '../store/store';
import type { Meeting } from './meeting';

/** `M12`, `m12`, `M 12` or a bare `12` at the start of the arguments. */
export function meetingCodeOf(args: string): number | undefined {
  const m = /^(?:m\s?)?(\d{1,7})(?!\d)/i.exec(args.trim());
  return m ? Number(m[1]) : undefined;
}

/** A member may attend the meetings of their home branch and of their host branch (双报). */
export function canAttend(member: Member, meeting: Meeting): boolean {
  return member.homeBranchId === meeting.branchId || member.hostBranchId === meeting.branchId;
}

/** The meeting a member named, when it is one of their branches'. */
export async function memberMeeting(store: Store, member: Member, id: number): Promise<Meeting | undefined> {
  const meeting = await store.meetings.get(id);
  return meeting && canAttend(member, meeting) ? meeting : undefined;
}
