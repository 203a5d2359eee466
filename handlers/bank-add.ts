import { scopeBranch, type CommandSpec } from '../src/bot/commands';
import { defaultHolidayCalendar } from '../src/time/holiday-calendar';
import { describeSlot, parseBankEntry, upcomingPush } from '../src/tasks/task-bank';
import { dedupeKey } from '../src/bot/incoming-message';

export const bankAdd: CommandSpec = {
  name: '入库',
  audience: 'secretary',
  usage:
    '入库 <标题>，换行写 内容：… 期限：N天 分值：N 证明：图片/视频/文字/文件/链接 字数：N [逾期：全分|半分|不计分]',
  summary: '把学习任务存入本支部题库，按「计划」每周自动推送一个',
  example: '入库 学习党章第二章\n内容：阅读党章第二章，写学习心得\n期限：7天\n分值：10\n证明：图片/文字\n字数：50',
  async run(ctx, _args, raw) {
    const entry = parseBankEntry(raw);
    const branchId = (await scopeBranch(ctx))!;
    const now = ctx.now();
    const key = dedupeKey(ctx.message);
    const item = await ctx.store.jobs.bank.add({ ...entry, branchId, createdBy: ctx.identity }, now, key);
    await ctx.store.audit.record(
      { actor: ctx.identity, action: 'bank.add', subject: `bank:${item.id}`, detail: { branchId } },
      now,
      key,
    );
    const next = await upcomingPush(ctx.store, branchId, now, ctx.settings.timezone, defaultHolidayCalendar());
    const when = next.slot ? describeSlot(next.slot, ctx.settings.timezone) : '（未定）';
    await ctx.reply(
      [
        `✅ 已存入题库：《${item.title}》，期限 ${item.durationDays} 天，${item.points} 分。`,
        `题库中待推送 ${next.pending} 个任务；下次推送 ${when}，将推送《${next.item?.title ?? item.title}》。`,
      ].join('\n'),
    );
  },
};
