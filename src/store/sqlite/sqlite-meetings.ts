import type { Attendance, Meeting } from '../../meetings/meeting';
import type { MeetingFilter, MeetingRepo } from '../meeting-repo';
import { keyedInsert } from './keyed-insert';
import type { Db } from './open-sqlite';
import { fromRow, fromRows, type Row } from './row-mapping';

function toMeeting(row: unknown): Meeting | undefined {
  const m = fromRow<Omit<Meeting, 'photoRequired'> & { photoRequired: number }>(row as Row);
  return m && { ...m, photoRequired: m.photoRequired === 1 };
}

function where(filter: MeetingFilter): { sql: string; args: unknown[] } {
  const parts: string[] = [];
  const args: unknown[] = [];
  if (filter.branchIds) {
    parts.push(filter.branchIds.length ? `branch_id IN (${filter.branchIds.map(() => '?').join(', ')})` : '0');
    args.push(...filter.branchIds);
  }
  if (filter.from) {
    parts.push('starts_at >= ?');
    args.push(filter.from.toISOString());
  }
  if (filter.to) {
    parts.push('starts_at < ?');
    args.push(filter.to.toISOString());
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', args };
}

export function sqliteMeetings(db: Db): MeetingRepo {
  const byId = db.prepare('SELECT * FROM meetings WHERE id = ?');
  const attendanceOf = db.prepare('SELECT * FROM meeting_attendance WHERE meeting_id = ? AND member_id = ?');
  return {
    async create(f, now, sourceKey) {
      const id = keyedInsert(
        db,
        'meetings',
        sourceKey,
        () =>
          db
            .prepare(
              `INSERT INTO meetings (branch_id, title, type, starts_at, ends_at, place, online_url, sign_in_lead_minutes,
        points, photo_required, created_by, source_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(
              f.branchId,
              f.title,
              f.type,
              f.startsAt,
              f.endsAt,
              f.place ?? null,
              f.onlineUrl ?? null,
              f.signInLeadMinutes,
              f.points,
              f.photoRequired ? 1 : 0,
              f.createdBy,
              sourceKey ?? null,
              now.toISOString(),
            ).lastInsertRowid,
      );
      return toMeeting(byId.get(id))!;
    },
    async get(id) {
      return toMeeting(byId.get(id));
    },
    async list(filter = {}) {
      const { sql, args } = where(filter);
      return db
        .prepare(`SELECT * FROM meetings ${sql} ORDER BY starts_at, id`)
        .all(...args)
        .map((r) => toMeeting(r)!);
    },
    // One statement: of two racing sign-ins only one finds the row absent (or still on leave) and writes.
    async attend(a, now) {
      const ts = now.toISOString();
      const info = db
        .prepare(
          `INSERT INTO meeting_attendance (meeting_id, member_id, status, reason, photo, identity, source_key,
        created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (meeting_id, member_id) DO UPDATE SET status = 'present', photo = excluded.photo,
        identity = excluded.identity, source_key = excluded.source_key, updated_at = excluded.updated_at
        WHERE meeting_attendance.status = 'leave' AND excluded.status = 'present'`,
        )
        .run(a.meetingId, a.memberId, a.status, a.reason ?? null, a.photo ?? null, a.identity, a.sourceKey, ts, ts);
      const attendance = fromRow<Attendance>(attendanceOf.get(a.meetingId, a.memberId) as Row)!;
      return { attendance, changed: info.changes > 0 };
    },
    async listAttendance(filter) {
      const parts: string[] = [];
      const args: unknown[] = [];
      if (filter.meetingIds) {
        parts.push(filter.meetingIds.length ? `meeting_id IN (${filter.meetingIds.map(() => '?').join(', ')})` : '0');
        args.push(...filter.meetingIds);
      }
      if (filter.memberId !== undefined) {
        parts.push('member_id = ?');
        args.push(filter.memberId);
      }
      if (filter.status) {
        parts.push('status = ?');
        args.push(filter.status);
      }
      const sql = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
      return fromRows<Attendance>(db.prepare(`SELECT * FROM meeting_attendance ${sql} ORDER BY id`).all(...args));
    },
  };
}
