import { UsageError, type CommandSpec } from '../src/bot/commands';
import { dedupeKey } from '../src/bot/incoming-message';
import { KIND_LABELS, OPEN_STATUSES, opinionCode } from '../src/opinions/opinion';
import { handledOpinion, tellSender } from './opinion-arg';

/** `销号 Y<n> <办理结果>`: closes the opinion with what was done and asks the sender to confirm or dispute it. */
export const closeOpinion: CommandSpec = {
  name: '销号',
  audience: 'staff',
  usage: '销号 Y<编号> <办理结果>',
  summary: '意见建议办结销号，把办理结果私聊告诉提出人并请其确认',
  example: '销号 Y3 已调整为每周六晚上 8 点线上学习',
  async run(ctx, args, raw) {
    const found = await handledOpinion(ctx, args, raw);
    if (!found) return;
    const { opinion, rest: result } = found;
    const code = opinionCode(opinion.id);
    if (opinion.status === 'closed') return void (await ctx.reply(`意见 ${code} 已经销号，不能重复销号。`));
    if (opinion.status === 'referred') return void (await ctx.reply(`意见 ${code} 已上报乡镇党委，由乡镇党委办理。`));
    if (!result) throw new UsageError('缺少办理结果');
    const now = ctx.now();
    const closed = await ctx.store.opinions.transition(
      opinion.id,
      { statuses: OPEN_STATUSES },
      { status: 'closed', result, closedAt: now.toISOString() },
      now,
    );
    if (!closed) return void (await ctx.reply(`意见 ${code} 已经销号，不能重复销号。`));
    await ctx.store.opinions.addEvent(
      {
        opinionId: opinion.id,
        kind: 'close',
        actor: ctx.identity,
        text: result,
        idemKey: `${dedupeKey(ctx.message)}#close`,
      },
      now,
    );
    const second =
      opinion.disputes > 0
        ? '（这是退回后的重新办理，不能再次退回）'
        : `\n不满意请回复：不满意 ${code} <理由>（可退回重新办理一次）`;
    const told = await tellSender(
      ctx,
      closed,
      `✅ 你的${KIND_LABELS[opinion.kind]} ${code} 已办结销号：\n${result}\n满意请回复：确认 ${code}${second}`,
    );
    await ctx.reply(`✅ ${code} 已销号${told ? '，已私聊请提出人确认' : '（提出人暂时无法私聊联系）'}。`);
  },
};
