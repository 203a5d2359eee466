import { scopeBranch, type CommandSpec } from '../src/bot/commands';
import { defaultHolidayCalendar } from '../src/time/holiday-calendar';
import { describePlan, parsePushPlan } from '../src/tasks/push-schedule';
import { describeSlot, upcomingPush } from '../src/tasks/task-bank';

export const pushPlan: CommandSpec = {
  name: '计划',
  aliases: ['推送计划'],
  audience: 'secretary',
  usage: '计划 每周<一至日> <HH:mm>',
  summary: '设置本支部每周推送题库任务的时间（遇法定节假日顺延）',
  example: '计划 每周一 09:00',
  async run(ctx, args) {
    const branchId = (await scopeBranch(ctx))!;
    const branch = await ctx.store.branches.get(branchId);
    const tz = ctx.settings.timezone;
    const now = ctx.now();
    if (!args) {
      const saved = await ctx.store.jobs.pushSchedules.get(branchId);
      const next = await upcomingPush(ctx.store, branchId, now, tz, defaultHolidayCalendar());
      await ctx.reply(
        `「${branch?.name ?? ''}」的推送计划：${describePlan(next.plan)}${saved ? '' : '（默认）'}，下次 ${next.slot ? describeSlot(next.slot, tz) : '（未定）'}。\n修改请发送：计划 每周一 09:00`,
      );
      return;
    }
    const plan = parsePushPlan(args);
    await ctx.store.jobs.pushSchedules.set({ branchId, ...plan, updatedBy: ctx.identity }, now);
    await ctx.store.audit.record(
      { actor: ctx.identity, action: 'push.plan', subject: `branch:${branchId}`, detail: { ...plan } },
      now,
    );
    const next = await upcomingPush(ctx.store, branchId, now, tz, defaultHolidayCalendar());
    await ctx.reply(
      [
        `✅ 已设置：「${branch?.name ?? ''}」${describePlan(plan)} 推送题库中的下一个任务（遇法定节假日顺延到下一个工作日）。`,
        `下次推送：${next.slot ? describeSlot(next.slot, tz) : '（未定）'}。`,
        next.pending
          ? `题库中待推送 ${next.pending} 个任务。`
          : '题库目前是空的，请先发送：入库 <标题>（换行写 内容：… 期限：7天 分值：N）。',
      ].join('\n'),
    );
  },
};
