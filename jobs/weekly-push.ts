import type { Branch, Task } from '../src/model';
import { secretaryTargets } from '../src/members/members';
import { duePushSlot, nextPushSlot, type PushSlot } from '../src/tasks/push-schedule';
import { bankItemTask, bankTaskCreator, branchPushPlan, groupChats, previewPost } from '../src/tasks/task-bank';
import { formatTaskPost } from '../src/tasks/task-format';
import { JobSender } from '../src/scheduler/job-sender';
import { optionsOf } from '../src/scheduler/job-options';
import type { BankItem } from '../src/store/jobs-repo';
import type { Job, JobDeps } from '../src/scheduler/job';

const NAME = 'weekly-push';
type Outcome = 'pushed' | 'empty' | 'not-due' | 'done' | 'no-chats' | 'unused';

/** The task a push publishes: created once per (branch, slot), found again when a crashed push is resumed. */
async function taskFor(deps: JobDeps, branch: Branch, item: BankItem, slot: PushSlot, now: Date): Promise<Task> {
  const { store } = deps.services;
  const existing = item.taskId !== undefined ? await store.tasks.get(item.taskId) : undefined;
  if (existing) return existing;
  const creator = bankTaskCreator(branch.id, slot.day);
  const found = (await store.tasks.listByBranches([branch.id])).find((t) => t.createdBy === creator);
  const task = found ?? (await store.tasks.create(bankItemTask(item, branch.id, now, creator), now));
  if (!found) {
    await store.audit.record(
      {
        actor: `job:${NAME}`,
        action: 'task.publish',
        subject: `task:${task.id}`,
        detail: { branchId: branch.id, bankItemId: item.id, slot: slot.day },
      },
      now,
    );
  }
  await store.jobs.bank.attachTask(item.id, task.id);
  return task;
}

/** The bank ran dry: the branch's secretaries hear it once per slot (a branch that never used the bank hears nothing). */
async function tellBankEmpty(deps: JobDeps, sender: JobSender, branch: Branch, slot: PushSlot): Promise<void> {
  const { store } = deps.services;
  const text = `📚「${branch.name}」题库里的任务已全部推送，本周（${slot.day}）没有可推送的任务。\n请发送：入库 <标题>（换行写 内容：… 期限：7天 分值：N）补充题库。`;
  for (const { memberId, target } of await secretaryTargets(store, branch.id)) {
    await sender.send(target, text, `job:${NAME}:b${branch.id}:${slot.day}:empty:m${memberId}`);
  }
}

async function pushBranch(deps: JobDeps, sender: JobSender, branch: Branch, now: Date): Promise<Outcome> {
  const { store, settings } = deps.services;
  const options = optionsOf(deps);
  const slot = duePushSlot(
    await branchPushPlan(store, branch.id),
    now,
    settings.timezone,
    options.calendar,
    options.pushLookbackMs,
  );
  if (!slot) return 'not-due';
  const mark = `${NAME}:b${branch.id}:${slot.day}`;
  if (await store.jobs.marks.has(mark)) return 'done';
  // A branch that has never filled its bank publishes by hand (发布任务); the push leaves it alone.
  if ((await store.jobs.bank.list(branch.id)).length === 0) return 'unused';
  const chats = groupChats(await store.chats.listByBranch(branch.id));
  // Without a group chat nobody would see the task; the slot stays open until a chat is bound or it expires.
  if (chats.length === 0) return 'no-chats';
  const item = deps.dryRun
    ? (await store.jobs.bank.list(branch.id, { pending: true }))[0]
    : await store.jobs.bank.reserve(branch.id, slot.day, now);
  if (!item) {
    await tellBankEmpty(deps, sender, branch, slot);
    if (!deps.dryRun) await store.jobs.marks.add(mark, NAME, now);
    return 'empty';
  }
  const post = deps.dryRun
    ? previewPost(item, now, settings.timezone)
    : formatTaskPost(await taskFor(deps, branch, item, slot, now), settings.timezone);
  for (const chat of chats) {
    await sender.send(
      { platform: chat.platform, chatId: chat.chatId, chatType: 'group' },
      post,
      `job:${NAME}:b${branch.id}:${slot.day}:${chat.platform}:${chat.chatId}`,
    );
  }
  if (!deps.dryRun) await store.jobs.marks.add(mark, NAME, now);
  return 'pushed';
}

/**
 * Publishes the next task of each branch's bank to every group chat of the branch at the branch's planned time
 * (计划, default Monday 09:00), skipping public holidays (the push moves to the next working day, 调休 days
 * included). Level-triggered: each fire pushes whatever slot is due and not yet done, so a missed fire is caught
 * up by the next one within `pushLookbackMs`.
 */
export const weeklyPush: Job = {
  name: NAME,
  schedule: '*/5 * * * *',
  catchUpMs: 15 * 60_000,
  describe: '每 5 分钟检查；各支部按「计划」推送题库中的下一个任务（默认每周一 09:00，法定节假日顺延到下一个工作日）',
  async nextRun(deps, now) {
    const { store, settings } = deps.services;
    const times: number[] = [];
    for (const branch of await store.branches.list()) {
      if ((await store.jobs.bank.list(branch.id, { pending: true })).length === 0) continue;
      const slot = nextPushSlot(
        await branchPushPlan(store, branch.id),
        now,
        settings.timezone,
        optionsOf(deps).calendar,
      );
      if (slot) times.push(slot.at.getTime());
    }
    return times.length ? new Date(Math.min(...times)) : undefined;
  },
  async run(deps, now) {
    const sender = new JobSender(deps.services, deps.dryRun);
    const counts: Record<Outcome, number> = { pushed: 0, empty: 0, 'not-due': 0, done: 0, 'no-chats': 0, unused: 0 };
    for (const branch of await deps.services.store.branches.list())
      counts[await pushBranch(deps, sender, branch, now)]++;
    const parts = [
      counts.pushed ? `推送 ${counts.pushed} 个支部` : '',
      counts.empty ? `${counts.empty} 个支部题库已空（已告知书记）` : '',
      counts['no-chats'] ? `${counts['no-chats']} 个支部未绑定群，暂不推送` : '',
    ].filter(Boolean);
    return sender.result(parts.length ? `${parts.join('；')}；共 ${sender.sent} 条消息` : '没有到期的推送');
  },
};
