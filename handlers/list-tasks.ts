import type { CommandSpec } from '../src/bot/commands';
import { formatTaskLine, proofHowTo } from '../src/tasks/task-format';
import { branchesInScope } from './member-branches';

export const listTasks: CommandSpec = {
  name: '任务',
  aliases: ['任务列表'],
  audience: 'member',
  usage: '任务',
  summary: '查看进行中的任务和自己的完成情况',
  async run(ctx) {
    const member = ctx.member!;
    const tasks = await ctx.store.tasks.listByBranches(branchesInScope(ctx), { openAt: ctx.now() });
    if (tasks.length === 0) {
      await ctx.reply('当前没有进行中的任务。');
      return;
    }
    const lines = [];
    for (const task of tasks) {
      const s = await ctx.store.submissions.find(task.id, member.id);
      const status = !s
        ? '未提交'
        : s.status === 'flagged'
          ? '待审核'
          : s.status === 'rejected'
            ? '被驳回，请重新提交'
            : '已提交 ✅';
      lines.push(`${formatTaskLine(task, ctx.settings.timezone, status)}\n  提交方法：${proofHowTo(task)}`);
    }
    await ctx.reply(`进行中的任务：\n${lines.join('\n')}`);
  },
};
