import { UsageError, type CommandSpec } from '../src/bot/commands';
import { caseCode, RATING_LABELS, type HelpRating } from '../src/help-cases/help-case';
import { caseSecretaries, memberTargets } from '../src/help-cases/help-case-people';
import { dedupeKey } from '../src/bot/incoming-message';
import { ownCase } from './help-case-arg';

const RATINGS: Record<string, HelpRating> = { 满意: 'satisfied', 不满意: 'unsatisfied' };

/** `评价 H<n> 满意|不满意`: the member rates a closed case; 不满意 goes back to the people who handled it. */
export const rateHelpCase: CommandSpec = {
  name: '评价',
  audience: 'member',
  usage: '评价 H<编号> 满意|不满意',
  summary: '评价已办结的求助',
  example: '评价 H3 满意',
  async run(ctx, args) {
    const found = await ownCase(ctx, args);
    if (!found) return;
    const { helpCase, rest } = found;
    const rating = RATINGS[rest];
    if (!rating) throw new UsageError(rest ? `「${rest}」不是评价，请写 满意 或 不满意` : '缺少评价（满意 或 不满意）');
    const code = caseCode(helpCase.id);
    if (helpCase.status !== 'closed') {
      await ctx.reply(`求助 ${code} 还没有结案，结案后再评价。`);
      return;
    }
    const now = ctx.now();
    await ctx.store.helpCases.update(helpCase.id, { rating, ratedAt: now.toISOString() }, now);
    await ctx.store.helpCases.addEvent(
      {
        caseId: helpCase.id,
        kind: 'rate',
        actor: ctx.identity,
        text: rating,
        idemKey: `${dedupeKey(ctx.message)}#rate`,
      },
      now,
    );
    await ctx.reply(
      rating === 'satisfied'
        ? `感谢评价！求助 ${code}：${RATING_LABELS[rating]}。`
        : `已收到你的评价（${code}：不满意），书记会再联系你了解情况。`,
    );
    if (rating === 'satisfied') return;
    const ids = [
      ...new Set([
        ...(helpCase.assigneeId !== undefined ? [helpCase.assigneeId] : []),
        ...(await caseSecretaries(ctx.store, helpCase, [helpCase.memberId])),
      ]),
    ];
    for (const { target } of await memberTargets(ctx.store, ids, ctx.message.platform)) {
      await ctx.send(target, `⚠️ ${ctx.member!.name}对求助 ${code} 的办理结果不满意，请再联系了解情况。`);
    }
  },
};
