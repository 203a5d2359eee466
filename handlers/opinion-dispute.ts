import { UsageError, type CommandSpec } from '../src/bot/commands';
import { dedupeKey } from '../src/bot/incoming-message';
import { ANONYMOUS_LABEL } from '../src/opinions/format-opinion';
import { opinionCode } from '../src/opinions/opinion';
import { handlerTargets } from '../src/opinions/opinion-people';
import { memberTrace, ownOpinion } from './opinion-arg';

/** How many times a closure can be sent back: once; after that the member can raise it anew or it goes up. */
const MAX_REOPEN = 1;

/** `不满意 Y<n> <理由>`: the sender disputes a closure; the opinion reopens (once) and the secretaries hear why. */
export const disputeOpinion: CommandSpec = {
  name: '不满意',
  audience: 'member',
  usage: '不满意 Y<编号> <理由>',
  summary: '对意见建议的办理结果不满意，退回重新办理（只能退回一次）',
  example: '不满意 Y3 时间还是和上班冲突',
  async run(ctx, args, raw) {
    const found = await ownOpinion(ctx, args, raw);
    if (!found) return;
    const { opinion, rest: reason } = found;
    const code = opinionCode(opinion.id);
    if (opinion.status !== 'closed')
      return void (await ctx.reply(`意见 ${code} 还没有销号，不用退回；有补充可以等书记答复。`));
    if (opinion.confirmedAt) return void (await ctx.reply(`你已经确认过 ${code} 的办理结果，不能再退回。`));
    if (opinion.disputes >= MAX_REOPEN)
      return void (await ctx.reply(
        `意见 ${code} 已经退回重新办理过一次，不能再次退回。如仍不满意，可以重新发送「意见 <内容>」提出，或请书记上报乡镇党委。`,
      ));
    if (!reason) throw new UsageError('缺少不满意的理由');
    const now = ctx.now();
    const reopened = await ctx.store.opinions.transition(
      opinion.id,
      { statuses: ['closed'], disputes: opinion.disputes },
      { status: 'answered', disputes: opinion.disputes + 1, disputeReason: reason },
      now,
    );
    if (!reopened) return void (await ctx.reply(`意见 ${code} 的状态刚刚变了，请发送「我的意见」查看。`));
    const trace = memberTrace(ctx, opinion.anonymous, dedupeKey(ctx.message));
    await ctx.store.opinions.addEvent(
      { opinionId: opinion.id, kind: 'dispute', actor: trace.actor, text: reason, idemKey: `${trace.key}#dispute` },
      now,
    );
    await ctx.reply(`已退回重新办理（${code}），书记会再处理并告诉你结果。`);
    const who = opinion.anonymous ? ANONYMOUS_LABEL : ctx.member!.name;
    const notice = `⚠️ ${who}对 ${code} 的办理结果不满意，已退回重新办理：\n理由：${reason}\n原办理结果：${opinion.result ?? ''}\n重新办理后：销号 ${code} <办理结果>`;
    for (const target of await handlerTargets(ctx.store, ctx.settings.admins, reopened, ctx.message.platform))
      await ctx.send(target, notice);
  },
};
