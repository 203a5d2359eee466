import type { AttendanceSheet } from './attendance-sheet';
import { meetingCode } from './meeting';
import { meetingTime, meetingWhere } from './meeting-format';

const names = (list: Array<{ name: string }>) => list.map((m) => m.name).join('、') || '无';

/**
 * The attendance of one meeting as a chat message. Who has not signed in is named only to the branch's
 * secretaries; members see the count.
 */
export function formatAttendance(sheet: AttendanceSheet, tz: string, forSecretary: boolean, now: Date): string {
  const { meeting, expected, present, leave, absent } = sheet;
  const ended = now > new Date(meeting.endsAt);
  const leaveLines = leave.map(
    (r) => `· ${r.member.name}${forSecretary && r.attendance.reason ? `：${r.attendance.reason}` : ''}`,
  );
  const absentWord = ended ? '缺席' : '未签到';
  return [
    `📋 ${meetingCode(meeting.id)}《${meeting.title}》`,
    `时间：${meetingTime(meeting, tz)}`,
    meetingWhere(meeting),
    `应到 ${expected.length} 人，已签到 ${present.length} 人，请假 ${leave.length} 人，${absentWord} ${absent.length} 人`,
    `已签到：${names(present.map((r) => r.member))}`,
    leave.length ? `请假：\n${leaveLines.join('\n')}` : '请假：无',
    forSecretary ? `${absentWord}：${names(absent)}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}
