import type { CommandSpec } from '../src/bot/commands';
import { userIdsOn } from '../src/members/members';
import { proofHowTo } from '../src/tasks/task-format';
import { formatLocal } from '../src/time/zoned-time';
import { taskProgress } from '../src/tasks/task-progress';
import { managedTask } from './task-arg';

export const remind: CommandSpec = {
  name: '提醒',
  audience: 'secretary',
  usage: '提醒 #<任务号>',
  summary: '在群里 @ 还没有提交的党员（一条消息）',
  example: '提醒 #12',
  async run(ctx, args) {
    const task = await managedTask(ctx, args);
    const { missing } = await taskProgress(ctx.store, task);
    if (missing.length === 0) {
      await ctx.reply(`任务 #${task.id} 全部党员都已提交，无需提醒 👍`);
      return;
    }
    const ids = await userIdsOn(ctx.store, missing, ctx.message.platform);
    const names = missing.map((m) => (ids.has(m.id) ? `@${m.name}` : m.name)).join(' ');
    await ctx.reply(
      `⏰ 请以下同志尽快完成任务 #${task.id}《${task.title}》（截止 ${formatLocal(new Date(task.deadline), ctx.settings.timezone)}）：\n${names}\n提交方法：${proofHowTo(task)}。`,
      { mentions: [...ids.values()] },
    );
  },
};
