import type { CommandSpec } from '../src/bot/commands';
import { taskSummaries } from '../src/reports/task-completion';
import { managedTask } from './task-arg';

export const taskStats: CommandSpec = {
  name: '统计',
  audience: 'secretary',
  usage: '统计 #<任务号>',
  summary: '查看任务完成情况和未提交名单',
  example: '统计 #12',
  async run(ctx, args) {
    const task = await managedTask(ctx, args);
    const [
      {
        done,
        expected,
        late,
        flagged,
        progress: { missing },
      },
    ] = await taskSummaries(ctx.store, [task]);
    const extra = [late ? `逾期 ${late}` : '', flagged ? `待审核 ${flagged}` : ''].filter(Boolean).join('，');
    await ctx.reply(
      [
        `📊 任务 #${task.id}《${task.title}》已提交 ${done}/${expected}${extra ? `（${extra}）` : ''}`,
        missing.length
          ? `未提交（${missing.length}）：${missing.map((m) => m.name).join('、')}`
          : '全部党员都已提交 👍',
      ].join('\n'),
    );
  },
};
