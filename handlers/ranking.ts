import { UsageError, type CommandSpec } from '../src/bot/commands';
import { CATEGORY_NAMES, categorySplit, formatSplit, parseRankingArgs } from '../src/points/categories';
import { PERIOD_NAMES, periodRange } from '../src/points/periods';
import { branchRanking } from '../src/points/points';
import { branchesInScope } from './member-branches';

const TOP = 10;

export const ranking: CommandSpec = {
  name: '排名',
  aliases: ['排行', '排行榜'],
  audience: 'anyone',
  // Only a keyword may follow without a space: `排名怎么算的` is a question for the answers.
  gluedArgs: (rest) => parseRankingArgs(rest) !== undefined,
  usage: '排名 [本周|本月|总] [学习|奉献]',
  summary: '查看本支部积分前 10 名（可只看学习或奉献积分）',
  example: '排名 本周',
  async run(ctx, args) {
    const parsed = parseRankingArgs(args);
    if (!parsed) throw new UsageError(`「${args}」不认识，时间可选：本周、本月、总；积分可选：学习、奉献`);
    const { period, category } = parsed;
    const branchId = branchesInScope(ctx)[0];
    const branch = branchId === undefined ? undefined : await ctx.store.branches.get(branchId);
    if (!branch) {
      await ctx.reply('本聊天还没有绑定支部，请在支部群里查看排名。');
      return;
    }
    const all = await branchRanking(ctx.store, branch.id, period, ctx.now(), ctx.settings.timezone, category);
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
    // The whole board shows each member's 学习/奉献 split; a category board is that category alone.
    const range = { ...periodRange(period, ctx.now(), ctx.settings.timezone), branchId: branch.id };
    const split = category
      ? new Map()
      : await categorySplit(
          ctx.store,
          ranked.map((r) => r.item.id),
          range,
        );
    const lines = ranked.map((r) => `${r.rank}. ${r.item.name} ${r.score} 分${formatSplit(split.get(r.item.id))}`);
    const what = category ? `${CATEGORY_NAMES[category]}积分` : '积分';
    await ctx.reply(`🏆「${branch.name}」${PERIOD_NAMES[period]}${what}排名（前 ${TOP}）\n${lines.join('\n')}`);
  },
};
