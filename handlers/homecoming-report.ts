import { UsageError, type CommandSpec } from '../src/bot/commands';
import type { Context } from '../src/bot/context';
import { dedupeKey } from '../src/bot/incoming-message';
import { outreachOf } from '../src/contacts/outreach-settings';
import { STAY_FORMS, parseStayUntil } from '../src/contacts/stay-until';
import { currentSeason, windowOn } from '../src/time/homecoming-window';
import { localDate } from '../src/time/zoned-time';

/** Where the member must be: their home branch's group (the village branch they report back to). */
async function homeGroupProblem(ctx: Context): Promise<string | undefined> {
  const home = ctx.member!.homeBranchId;
  if (home !== undefined && ctx.isGroup && ctx.chat.branchId === home) return undefined;
  const name = home === undefined ? undefined : (await ctx.store.branches.get(home))?.name;
  const where = name ? `家乡「${name}」的支部群` : '家乡（流出地）支部群';
  return `返乡报到请在${where}里 @机器人 发送，本条没有登记。`;
}

/**
 * 返乡报到 [停留到 …]: a member home for the Spring Festival reports to the home branch, so the secretary can invite
 * them to activities while they are back. Only in the home group and only inside the window.
 */
export const homecomingReport: CommandSpec = {
  name: '返乡报到',
  audience: 'member',
  usage: '返乡报到 [停留到 <日期>]（春节期间在家乡支部群发送）',
  summary: '春节返乡期间向家乡支部报到，书记可邀请参加支部活动',
  example: '返乡报到 停留到 2月20日',
  async run(ctx: Context, _args: string, raw: string) {
    const problem = await homeGroupProblem(ctx);
    if (problem) return void (await ctx.reply(problem));
    const { homecomingWindows } = outreachOf(ctx.settings);
    const now = ctx.now();
    const today = localDate(now, ctx.settings.timezone);
    const window = windowOn(today, homecomingWindows);
    if (!window) {
      const next = currentSeason(today, homecomingWindows);
      const when =
        next && next.to >= today ? `下一次为 ${next.from} 至 ${next.to}（腊月十五至正月十五）` : '目前没有设置报到时段';
      return void (await ctx.reply(`现在不在返乡报到时段，${when}。本条没有登记。`));
    }
    const stayUntil = parseStayUntil(raw, now, ctx.settings.timezone);
    if (stayUntil === 'invalid')
      throw new UsageError(`停留日期看不懂或已过，请写今天以后的日期，可用：${STAY_FORMS.join('、')}`);
    const { homecoming, created } = await ctx.store.contacts.reportHome(
      {
        memberId: ctx.member!.id,
        branchId: ctx.chat.branchId!,
        season: window.season,
        stayUntil,
        text: raw,
        sourceKey: dedupeKey(ctx.message),
      },
      now,
    );
    const stay = homecoming.stayUntil ? `，停留到 ${homecoming.stayUntil}` : '';
    await ctx.reply(
      `🏠 ${ctx.member!.name}${created ? '返乡报到成功' : '已更新返乡信息'}${stay}。欢迎回家！支部活动会及时通知你。`,
    );
  },
};
