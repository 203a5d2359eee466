import type ExcelJS from 'exceljs';
import type { Branch } from '../model';
import type { AttendanceSheet } from '../meetings/attendance-sheet';
import { MEETING_TYPE_NAMES, meetingCode } from '../meetings/meeting';
import { formatLocal } from '../time/zoned-time';
import { addSheet, newWorkbook } from './workbook';

interface SheetRow {
  name: string;
  status: string;
  at?: string;
  note?: string;
}

/** The attendance sheet of one meeting: who signed in, who asked for leave and why, who was absent. */
export function exportMeetingAttendance(
  sheet: AttendanceSheet,
  branch: Branch | undefined,
  now: Date,
  tz: string,
): ExcelJS.Workbook {
  const m = sheet.meeting;
  const at = (iso: string) => formatLocal(new Date(iso), tz, true);
  const ended = now > new Date(m.endsAt);
  const rows: SheetRow[] = [
    ...sheet.present.map((r) => ({
      name: r.member.name,
      status: '已签到',
      at: at(r.attendance.updatedAt),
      note: r.attendance.photo ? '附现场照片' : undefined,
    })),
    ...sheet.leave.map((r) => ({
      name: r.member.name,
      status: '请假',
      at: at(r.attendance.createdAt),
      note: r.attendance.reason,
    })),
    ...sheet.absent.map((member) => ({ name: member.name, status: ended ? '缺席' : '未签到' })),
  ];
  const wb = newWorkbook(now);
  addSheet(
    wb,
    '签到表',
    [
      { header: '会议编号', width: 9, value: () => meetingCode(m.id) },
      { header: '会议', width: 24, value: () => m.title },
      { header: '类型', width: 12, value: () => MEETING_TYPE_NAMES[m.type] },
      { header: '支部', width: 18, value: () => branch?.name },
      { header: '开始时间', width: 17, text: true, value: () => at(m.startsAt) },
      { header: '姓名', width: 10, value: (r: SheetRow) => r.name },
      { header: '情况', width: 8, value: (r) => r.status },
      { header: '签到/请假时间', width: 17, text: true, value: (r) => r.at },
      { header: '说明', width: 30, value: (r) => r.note },
    ],
    rows,
  );
  return wb;
}
