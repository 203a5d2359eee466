import type { CommandSpec } from '../src/bot/commands';
import { formatSplit } from '../src/points/categories';
import { pointsSummary } from '../src/points/points';

export const myPoints: CommandSpec = {
  name: '积分',
  aliases: ['我的积分'],
  audience: 'member',
  usage: '积分',
  summary: '查看自己的积分：累计、本周、本月，以及在每个支部的积分和排名',
  async run(ctx) {
    const member = ctx.member!;
    const s = await pointsSummary(ctx.store, member, ctx.now(), ctx.settings.timezone);
    const parts = s.parts.map(
      (p) => `\n「${p.branch.name}」${p.total} 分${p.rank !== undefined ? `，第 ${p.rank} 名（共 ${p.of} 人）` : ''}`,
    );
    const split = formatSplit({ study: s.total - s.service, service: s.service });
    await ctx.reply(
      `${member.name}的积分：累计 ${s.total} 分${split}，本周 ${s.week} 分，本月 ${s.month} 分${parts.join('')}`,
    );
  },
};
