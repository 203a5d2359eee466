import { UsageError, type CommandSpec } from '../src/bot/commands';
import type { Context } from '../src/bot/context';
import type { Task } from '../src/model';
import { canManage } from '../src/members/roles';
import { taskProgress } from '../src/tasks/task-progress';
import { branchesInScope } from './member-branches';
import { taskCodeOf } from './task-arg';

async function visibleTask(ctx: Context, args: string): Promise<Task> {
  const code = taskCodeOf(args);
  if (code === undefined) throw new UsageError('缺少任务号，例如 #12');
  const task = await ctx.store.tasks.get(code);
  const roles = await ctx.roles();
  if (task && !task.withdrawnAt && (branchesInScope(ctx).includes(task.branchId) || canManage(roles, task.branchId)))
    return task;
  throw new UsageError(`没有找到本支部的任务 #${code}，发送「任务」可查看任务号`);
}

/**
 * `完成情况 #n`: who has handed in, as a 接龙 list, for everyone in the branch; who has not only for the branch's
 * secretaries (a public list of names that are missing would shame people in the group).
 */
export const taskDoneList: CommandSpec = {
  name: '完成情况',
  aliases: ['接龙'],
  audience: 'member',
  usage: '完成情况 #<任务号>',
  summary: '查看哪些同志已经完成任务（接龙名单）',
  example: '完成情况 #12',
  async run(ctx, args) {
    const task = await visibleTask(ctx, args);
    const { done, missing, submissions } = await taskProgress(ctx.store, task);
    const inOrder = [...done].sort((a, b) =>
      submissions.get(a.id)!.createdAt.localeCompare(submissions.get(b.id)!.createdAt),
    );
    const lines = [`📋 任务 #${task.id}《${task.title}》已完成 ${done.length} 人：`];
    lines.push(...(inOrder.length ? inOrder.map((m, i) => `${i + 1}. ${m.name}`) : ['还没有人提交，快来做第一个！']));
    await ctx.reply(lines.join('\n'));
    if (canManage(await ctx.roles(), task.branchId) && missing.length) {
      // Who has not handed in goes to the secretary alone, even when asked in the group.
      await ctx.replyPrivately(
        `任务 #${task.id} 未提交（${missing.length}）：${missing.map((m) => m.name).join('、')}`,
      );
    }
  },
};
