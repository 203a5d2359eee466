import { userIdsOn } from '../src/members/members';
import { attendanceSheet } from '../src/meetings/attendance-sheet';
import { meetingCode, type Meeting } from '../src/meetings/meeting';
import { meetingTime, meetingWhere, signInHowTo } from '../src/meetings/meeting-format';
import { groupChats } from '../src/tasks/task-bank';
import { JobSender } from '../src/scheduler/job-sender';
import type { Job, JobDeps } from '../src/scheduler/job';

const NAME = 'meeting-reminders';
const HOUR = 3_600_000;
/** The day before and one hour before the start. */
export const MEETING_REMINDER_HOURS = [24, 1];

/** The most urgent reminder due for this meeting (hours before its start), skipping those before it was scheduled. */
export function dueMeetingReminder(meeting: Meeting, now: Date): number | undefined {
  const start = Date.parse(meeting.startsAt);
  const created = Date.parse(meeting.createdAt);
  const due = MEETING_REMINDER_HOURS.filter((h) => start - h * HOUR <= now.getTime() && start - h * HOUR >= created);
  return due.length ? Math.min(...due) : undefined;
}

/** One message per group chat of the branch, @-mentioning who has neither signed in nor asked for leave. */
async function remindMeeting(deps: JobDeps, sender: JobSender, meeting: Meeting, hours: number): Promise<number> {
  const { store, settings } = deps.services;
  const { absent } = await attendanceSheet(store, meeting);
  const when = hours >= 24 ? '明天' : `${hours} 小时后`;
  const chats = groupChats(await store.chats.listByBranch(meeting.branchId));
  for (const chat of chats) {
    const ids = await userIdsOn(store, absent, chat.platform);
    const names = absent.map((m) => (ids.has(m.id) ? `@${m.name}` : m.name)).join(' ');
    const text = [
      `⏰ 会议提醒：${meetingCode(meeting.id)}《${meeting.title}》${when}开始`,
      `时间：${meetingTime(meeting, settings.timezone)}`,
      meetingWhere(meeting),
      `签到：${signInHowTo(meeting, settings.timezone)}。`,
      absent.length ? `请以下同志准时参加：${names}` : '',
    ]
      .filter(Boolean)
      .join('\n');
    const key = `job:${NAME}:m${meeting.id}:${hours}h:${chat.platform}:${chat.chatId}`;
    await sender.send({ platform: chat.platform, chatId: chat.chatId, chatType: 'group' }, text, key, [
      ...ids.values(),
    ]);
  }
  return chats.length;
}

/**
 * Reminds a branch's groups of a meeting the day before and one hour before it starts. Each reminder is marked
 * once per meeting, and every message carries a key of its own, so a second fire or a second instance sends nothing.
 */
export const meetingReminders: Job = {
  name: NAME,
  schedule: '*/5 * * * *',
  catchUpMs: 15 * 60_000,
  describe: '每 5 分钟检查；会议开始前一天（24 小时）和开始前 1 小时在支部群里提醒',
  async run(deps, now) {
    const { store, clock } = deps.services;
    const sender = new JobSender(deps.services, deps.dryRun);
    const upcoming = await store.meetings.list({ from: now, to: new Date(now.getTime() + 25 * HOUR) });
    let reminded = 0;
    for (const meeting of upcoming) {
      const hours = dueMeetingReminder(meeting, now);
      // A fire run late (catch-up) must not remind of a meeting that has already begun.
      if (hours === undefined || Date.parse(meeting.startsAt) <= clock.now().getTime()) continue;
      const mark = `${NAME}:m${meeting.id}:${hours}h`;
      if (await store.jobs.marks.has(mark)) continue;
      if (await remindMeeting(deps, sender, meeting, hours)) reminded++;
      if (!deps.dryRun) await store.jobs.marks.add(mark, NAME, now);
    }
    return sender.result(reminded ? `提醒 ${reminded} 个会议；共 ${sender.sent} 条消息` : '没有需要提醒的会议');
  },
};
