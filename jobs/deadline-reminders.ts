import { privateTarget, userIdsOn } from '../src/members/members';
import type { Member, Task } from '../src/model';
import { groupChats } from '../src/tasks/task-bank';
import { proofHowTo } from '../src/tasks/task-format';
import { formatLocal } from '../src/time/zoned-time';
import { JobSender } from '../src/scheduler/job-sender';
import { optionsOf } from '../src/scheduler/job-options';
import type { Job, JobDeps } from '../src/scheduler/job';

const NAME = 'deadline-reminders';
const HOUR = 3_600_000;

/**
 * The most urgent reminder whose time has come for this task (hours before the deadline), or undefined.
 * A reminder time that lay before the task was published is skipped; a later, more urgent one supersedes it.
 */
export function dueReminder(task: Task, hours: number[], now: Date): number | undefined {
  const deadline = Date.parse(task.deadline);
  const created = Date.parse(task.createdAt);
  const due = hours.filter((h) => deadline - h * HOUR <= now.getTime() && deadline - h * HOUR >= created);
  return due.length ? Math.min(...due) : undefined;
}

function timeLeft(ms: number): string {
  return ms >= HOUR ? `${Math.round(ms / HOUR)} 小时` : `${Math.max(1, Math.round(ms / 60_000))} 分钟`;
}

async function missingMembers(deps: JobDeps, task: Task): Promise<Member[]> {
  const { store } = deps.services;
  const members = await store.members.listByBranch(task.branchId, { status: 'active' });
  const subs = new Map((await store.submissions.listByTask(task.id)).map((s) => [s.memberId, s]));
  return members.filter((m) => !subs.has(m.id) || subs.get(m.id)!.status === 'rejected');
}

/** One message per group chat @-mentioning only who has not submitted, then a 1:1 nudge to each of them. */
async function remindTask(deps: JobDeps, sender: JobSender, task: Task, hours: number, now: Date): Promise<number> {
  const { store, settings } = deps.services;
  const missing = await missingMembers(deps, task);
  if (missing.length === 0) return 0;
  const key = `job:${NAME}:t${task.id}:${hours}h`;
  const deadline = formatLocal(new Date(task.deadline), settings.timezone);
  const left = timeLeft(Date.parse(task.deadline) - now.getTime());
  const chats = groupChats(await store.chats.listByBranch(task.branchId));
  for (const chat of chats) {
    const ids = await userIdsOn(store, missing, chat.platform);
    const names = missing.map((m) => (ids.has(m.id) ? `@${m.name}` : m.name)).join(' ');
    const text = `⏰ 任务 #${task.id}《${task.title}》将于 ${deadline} 截止（还剩约 ${left}），以下 ${missing.length} 位同志还没有提交：\n${names}\n提交方法：${proofHowTo(task)}。`;
    await sender.send(
      { platform: chat.platform, chatId: chat.chatId, chatType: 'group' },
      text,
      `${key}:${chat.platform}:${chat.chatId}`,
      [...ids.values()],
    );
  }
  for (const member of missing) {
    const target = await privateTarget(store, member.id, chats[0]?.platform);
    if (!target) continue;
    // The same words for everyone, so a platform that can batch 1:1 messages sends one call, not one per member.
    const text = `⏰ 任务 #${task.id}《${task.title}》将于 ${deadline} 截止（还剩约 ${left}），你还没有提交。\n提交方法：${proofHowTo(task)}。`;
    await sender.send(target, text, `${key}:m${member.id}`);
  }
  return missing.length;
}

/**
 * Reminds members who have not submitted, REMINDER_HOURS before each deadline (default 24 h and 2 h).
 * Level-triggered: each fire sends whichever reminder is due and not yet sent, so a fire missed while the bot was
 * down is made up by the next one — unless the deadline has passed, when a reminder is no longer useful.
 */
export const deadlineReminders: Job = {
  name: NAME,
  schedule: '*/5 * * * *',
  catchUpMs: 15 * 60_000,
  describe: '每 5 分钟检查；截止前 24 小时和 2 小时（REMINDER_HOURS）在群里 @ 未提交的党员并私聊提醒',
  async nextRun(deps, now) {
    const { store } = deps.services;
    const branchIds = (await store.branches.list()).map((b) => b.id);
    const times = (await store.tasks.listByBranches(branchIds, { openAt: now })).flatMap((task) =>
      optionsOf(deps)
        .reminderHours.map((h) => Date.parse(task.deadline) - h * HOUR)
        .filter((t) => t > now.getTime() && t >= Date.parse(task.createdAt)),
    );
    return times.length ? new Date(Math.min(...times)) : undefined;
  },
  async run(deps, now) {
    const { store, clock } = deps.services;
    const sender = new JobSender(deps.services, deps.dryRun);
    const branchIds = (await store.branches.list()).map((b) => b.id);
    let tasks = 0;
    let members = 0;
    for (const task of await store.tasks.listByBranches(branchIds, { openAt: now })) {
      const hours = dueReminder(task, optionsOf(deps).reminderHours, now);
      // A fire run late (catch-up) must not remind after the real deadline.
      if (hours === undefined || Date.parse(task.deadline) <= clock.now().getTime()) continue;
      const mark = `${NAME}:t${task.id}:${hours}h`;
      if (await store.jobs.marks.has(mark)) continue;
      const count = await remindTask(deps, sender, task, hours, now);
      if (count) {
        tasks++;
        members += count;
      }
      if (!deps.dryRun) await store.jobs.marks.add(mark, NAME, now);
    }
    return sender.result(
      tasks ? `提醒 ${tasks} 个任务的 ${members} 人次；共 ${sender.sent} 条消息` : '没有需要提醒的任务',
    );
  },
};
