import { scopeBranch, type CommandSpec } from '../src/bot/commands';
import { defaultHolidayCalendar } from '../src/time/holiday-calendar';
import { describeSlot, previewPost, upcomingPush } from '../src/tasks/task-bank';

export const pushPreview: CommandSpec = {
  name: '预览推送',
  audience: 'secretary',
  usage: '预览推送',
  summary: '查看下次每周推送的时间和内容（不会发送）',
  async run(ctx) {
    const branchId = (await scopeBranch(ctx))!;
    const tz = ctx.settings.timezone;
    const next = await upcomingPush(ctx.store, branchId, ctx.now(), tz, defaultHolidayCalendar());
    if (!next.item || !next.slot) {
      await ctx.reply(
        '题库里没有待推送的任务，到推送时间也不会推送。请先发送：入库 <标题>（换行写 内容：… 期限：7天 分值：N）。',
      );
      return;
    }
    const where = next.chats.length ? `发到本支部 ${next.chats.length} 个群` : '⚠️ 本支部还没有绑定群，到时不会发出';
    await ctx.reply(
      [
        `👀 推送预览（这条不会推送给党员）`,
        `下次推送：${describeSlot(next.slot, tz)}，${where}；题库中待推送 ${next.pending} 个。`,
        '———— 推送内容 ————',
        previewPost(next.item, next.slot.at, tz),
        '————————————',
        '（#N 是推送时生成的任务号）',
      ].join('\n'),
    );
  },
};
