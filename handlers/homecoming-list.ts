import { scopeBranch, type CommandSpec } from '../src/bot/commands';
import type { Context } from '../src/bot/context';
import { outreachOf } from '../src/contacts/outreach-settings';
import { currentSeason } from '../src/time/homecoming-window';
import { localDate } from '../src/time/zoned-time';

/** 返乡名单: who of the branch reported back this Spring Festival, and until when. */
export const homecomingList: CommandSpec = {
  name: '返乡名单',
  audience: 'secretary',
  usage: '返乡名单',
  summary: '查看本支部春节返乡报到的党员和停留日期',
  async run(ctx: Context) {
    const branchId = (await scopeBranch(ctx))!;
    const today = localDate(ctx.now(), ctx.settings.timezone);
    const season = currentSeason(today, outreachOf(ctx.settings).homecomingWindows);
    if (!season) return void (await ctx.reply('没有设置返乡报到时段（HOMECOMING_WINDOWS）。'));
    const reports = await ctx.store.contacts.listHome({ branchIds: [branchId], season: season.season });
    const head = `🏠 ${season.season} 春节返乡报到（${season.from} 至 ${season.to}）`;
    if (!reports.length) return void (await ctx.reply(`${head}：还没有党员报到。`));
    const lines: string[] = [];
    for (const r of reports) {
      const name = (await ctx.store.members.get(r.memberId))?.name ?? `党员${r.memberId}`;
      const back = r.stayUntil && r.stayUntil < today ? '（已离开）' : '';
      lines.push(
        `· ${name}：${localDate(new Date(r.createdAt), ctx.settings.timezone)} 报到，${r.stayUntil ? `停留到 ${r.stayUntil}${back}` : '未说明停留时间'}`,
      );
    }
    await ctx.reply(`${head}，共 ${reports.length} 人：\n${lines.join('\n')}`);
  },
};
