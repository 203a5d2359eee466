import { formatDeadline } from '../time/parse-deadline-text';
import { formatLocal } from '../time/zoned-time';
import { MEETING_TYPE_NAMES, meetingCode, signInWindow, type Meeting } from './meeting';

/** `2026-12-10 14:00（周四）至 16:00` */
export function meetingTime(meeting: Meeting, tz: string): string {
  return `${formatDeadline(new Date(meeting.startsAt), tz)}至 ${formatLocal(new Date(meeting.endsAt), tz).slice(6)}`;
}

export function meetingWhere(meeting: Meeting): string {
  return [meeting.place && `地点：${meeting.place}`, meeting.onlineUrl && `线上：${meeting.onlineUrl}`]
    .filter(Boolean)
    .join('\n');
}

/** How to sign in, taught in every post and reminder. */
export function signInHowTo(meeting: Meeting, tz: string): string {
  const { opens, closes } = signInWindow(meeting);
  const code = meetingCode(meeting.id);
  const photo = meeting.photoRequired
    ? `现场参会请 @我 发送「签到 ${code}」并附一张现场照片${meeting.onlineUrl ? `；线上参会发送「签到 ${code} 线上」` : ''}`
    : `@我 发送「签到 ${code}」`;
  return `${formatLocal(opens, tz)} 至 ${formatLocal(closes, tz)} ${photo}；不能参加请发送「请假 ${code} <理由>」`;
}

export function formatMeetingPost(meeting: Meeting, tz: string): string {
  return [
    `📣 会议通知 ${meetingCode(meeting.id)}《${meeting.title}》`,
    `类型：${MEETING_TYPE_NAMES[meeting.type]}`,
    `时间：${meetingTime(meeting, tz)}`,
    meetingWhere(meeting),
    `分值：参会签到记 ${meeting.points} 分`,
    `签到：${signInHowTo(meeting, tz)}。`,
  ]
    .filter(Boolean)
    .join('\n');
}

export function formatMeetingLine(meeting: Meeting, tz: string): string {
  return `${meetingCode(meeting.id)}《${meeting.title}》${MEETING_TYPE_NAMES[meeting.type]}，${formatLocal(new Date(meeting.startsAt), tz)}`;
}
