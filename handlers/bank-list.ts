import { scopeBranch, type CommandSpec } from '../src/bot/commands';
import { defaultHolidayCalendar } from '../src/time/holiday-calendar';
import { describePlan } from '../src/tasks/push-schedule';
import { describeSlot, upcomingPush } from '../src/tasks/task-bank';

const SHOWN = 20;

export const bankList: CommandSpec = {
  name: '题库',
  audience: 'secretary',
  usage: '题库',
  summary: '查看本支部题库中待推送的任务',
  async run(ctx) {
    const branchId = (await scopeBranch(ctx))!;
    const branch = await ctx.store.branches.get(branchId);
    const all = await ctx.store.jobs.bank.list(branchId);
    if (all.length === 0) {
      await ctx.reply(
        '题库还是空的。发送：入库 <标题>（换行写 内容：… 期限：7天 分值：N）添加任务，每周自动推送一个。',
      );
      return;
    }
    const next = await upcomingPush(ctx.store, branchId, ctx.now(), ctx.settings.timezone, defaultHolidayCalendar());
    const pending = all.filter((i) => i.taskId === undefined);
    const lines = pending
      .slice(0, SHOWN)
      .map(
        (item, i) =>
          `${i + 1}.《${item.title}》期限 ${item.durationDays} 天，${item.points} 分${i === 0 && next.slot ? `  ← 下次推送 ${describeSlot(next.slot, ctx.settings.timezone)}` : ''}`,
      );
    if (pending.length > SHOWN) lines.push(`……还有 ${pending.length - SHOWN} 个`);
    const used = all.filter((i) => i.taskId !== undefined);
    const last = used.at(-1);
    await ctx.reply(
      [
        `📚「${branch?.name ?? ''}」题库：待推送 ${pending.length} 个（${describePlan(next.plan)} 推送一个）`,
        ...(lines.length ? lines : ['待推送的任务已用完，请发送「入库 <标题>」补充。']),
        used.length ? `已推送 ${used.length} 个，最近一个：#${last!.taskId}《${last!.title}》` : '',
        pending.length ? '删除某一个：删除题库 <序号>' : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  },
};
