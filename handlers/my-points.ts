import type { CommandSpec } from '../src/core/commands';
import { pointsSummary } from '../src/core/points';
import { branchesInScope } from './member-branches';

export const myPoints: CommandSpec = {
  name: '积分',
  aliases: ['我的积分'],
  audience: 'member',
  usage: '积分',
  summary: '查看自己的积分：累计、本周、本月和在支部的排名',
  async run(ctx) {
    const member = ctx.member!;
    const branchId = branchesInScope(ctx)[0];
    const s = await pointsSummary(ctx.store, member, branchId, ctx.now(), ctx.settings.timezone);
    const rank = s.rank !== undefined ? `\n支部排名：第 ${s.rank} 名（共 ${s.of} 人）` : '';
    await ctx.reply(`${member.name}的积分：累计 ${s.total} 分，本周 ${s.week} 分，本月 ${s.month} 分${rank}`);
  },
};
