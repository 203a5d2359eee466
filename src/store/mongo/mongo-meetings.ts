import type { Attendance, Meeting } from '../../meetings/meeting';
import type { MeetingFilter, MeetingRepo } from '../meeting-repo';
import { compact, fromDoc, type NumberedDoc } from './mongo-docs';
import type { MongoModels } from './mongo-models';
import { num, optStr, schema, str } from './mongo-schema';
import type { MongoSequences } from './mongo-sequences';
import { createOnce, isDuplicateOn, SOURCE_KEY_INDEX } from './mongo-util';

export type MeetingDoc = NumberedDoc<Meeting>;
export type AttendanceDoc = NumberedDoc<Attendance>;

export const meetingSchemas = {
  meetings: schema<MeetingDoc>(
    'meetings',
    {
      _id: Number,
      branchId: num,
      title: str,
      type: str,
      startsAt: str,
      endsAt: str,
      place: optStr,
      onlineUrl: optStr,
      signInLeadMinutes: num,
      points: num,
      photoRequired: { type: Boolean, required: true },
      createdBy: str,
      createdAt: str,
      sourceKey: optStr,
    },
    [[{ branchId: 1, startsAt: 1 }], [{ startsAt: 1 }], SOURCE_KEY_INDEX],
  ),
  meetingAttendance: schema<AttendanceDoc>(
    'meeting_attendance',
    {
      _id: Number,
      meetingId: num,
      memberId: num,
      status: str,
      reason: optStr,
      photo: optStr,
      identity: str,
      sourceKey: str,
      createdAt: str,
      updatedAt: str,
    },
    [[{ meetingId: 1, memberId: 1 }, { unique: true }], [{ memberId: 1, _id: 1 }]],
  ),
};

function filterOf(f: MeetingFilter): Record<string, unknown> {
  const q: Record<string, unknown> = {};
  if (f.branchIds) q.branchId = { $in: f.branchIds };
  const range: Record<string, string> = {};
  if (f.from) range.$gte = f.from.toISOString();
  if (f.to) range.$lt = f.to.toISOString();
  if (f.from || f.to) q.startsAt = range;
  return q;
}

export function mongoMeetings(m: MongoModels, seq: MongoSequences): MeetingRepo {
  const attendanceOf = async (meetingId: number, memberId: number) =>
    fromDoc(await m.meetingAttendance.findOne({ meetingId, memberId }).lean<AttendanceDoc>())!;
  // A `leave` becomes `present` by a conditional update, so of two racing sign-ins only one matches.
  const upgrade = async (a: Parameters<MeetingRepo['attend']>[0], ts: string) =>
    a.status === 'present' &&
    (
      await m.meetingAttendance.updateOne(
        { meetingId: a.meetingId, memberId: a.memberId, status: 'leave' },
        {
          $set: compact({
            status: 'present',
            photo: a.photo,
            identity: a.identity,
            sourceKey: a.sourceKey,
            updatedAt: ts,
          }),
        },
      )
    ).modifiedCount > 0;
  return {
    async create(f, now, sourceKey) {
      return fromDoc(
        await createOnce<MeetingDoc>(m.meetings, sourceKey, () =>
          seq.insert<MeetingDoc>('meetings', (_id) =>
            compact<MeetingDoc>({ _id, ...f, createdAt: now.toISOString(), sourceKey }),
          ),
        ),
      )!;
    },
    async get(id) {
      return fromDoc(await m.meetings.findById(id).lean<MeetingDoc>());
    },
    async list(filter = {}) {
      const docs = await m.meetings.find(filterOf(filter)).sort({ startsAt: 1, _id: 1 }).lean<MeetingDoc[]>();
      return docs.map((d) => fromDoc(d)!);
    },
    async attend(a, now) {
      const ts = now.toISOString();
      if (!(await m.meetingAttendance.exists({ meetingId: a.meetingId, memberId: a.memberId }))) {
        try {
          await seq.insert<AttendanceDoc>('meetingAttendance', (_id) =>
            compact<AttendanceDoc>({ _id, ...a, createdAt: ts, updatedAt: ts }),
          );
          return { attendance: await attendanceOf(a.meetingId, a.memberId), changed: true };
        } catch (err) {
          if (!isDuplicateOn(err, 'meetingId', 'memberId')) throw err;
        }
      }
      const changed = await upgrade(a, ts);
      return { attendance: await attendanceOf(a.meetingId, a.memberId), changed };
    },
    async listAttendance(filter) {
      const q: Record<string, unknown> = {};
      if (filter.meetingIds) q.meetingId = { $in: filter.meetingIds };
      if (filter.memberId !== undefined) q.memberId = filter.memberId;
      if (filter.status) q.status = filter.status;
      const docs = await m.meetingAttendance.find(q).sort({ _id: 1 }).lean<AttendanceDoc[]>();
      return docs.map((d) => fromDoc(d)!);
    },
  };
}
