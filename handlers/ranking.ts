import { UsageError, type CommandSpec } from '../src/bot/commands';
import { PERIOD_NAMES, parsePeriod } from '../src/points/periods';
import { branchRanking } from '../src/points/points';
import { branchesInScope } from './member-branches';

const TOP = 10;

export const ranking: CommandSpec = {
  name: '排名',
  aliases: ['排行', '排行榜'],
  audience: 'anyone',
  usage: '排名 [本周|本月|总]',
  summary: '查看本支部积分前 10 名',
  example: '排名 本周',
  async run(ctx, args) {
    const period = parsePeriod(args);
    if (!period) throw new UsageError(`时间范围「${args}」不认识，可选：本周、本月、总`);
    const branchId = branchesInScope(ctx)[0];
    const branch = branchId === undefined ? undefined : await ctx.store.branches.get(branchId);
    if (!branch) {
      await ctx.reply('本聊天还没有绑定支部，请在支部群里查看排名。');
      return;
    }
    const all = await branchRanking(ctx.store, branch.id, period, ctx.now(), ctx.settings.timezone);
    if (all.length === 0) {
      await ctx.reply(`「${branch.name}」还没有党员报到。`);
      return;
    }
    // A group never sees who has nothing: a short list must not turn into a public list of the lowest scorers.
    const ranked = all.filter((r) => r.rank <= TOP && (r.score > 0 || !ctx.isGroup));
    if (ranked.length === 0) {
      await ctx.reply(
        `「${branch.name}」${period === 'all' ? '' : PERIOD_NAMES[period]}还没有党员获得积分，完成任务即可得分。`,
      );
      return;
    }
    const lines = ranked.map((r) => `${r.rank}. ${r.item.name} ${r.score} 分`);
    await ctx.reply(`🏆「${branch.name}」${PERIOD_NAMES[period]}积分排名（前 ${TOP}）\n${lines.join('\n')}`);
  },
};
