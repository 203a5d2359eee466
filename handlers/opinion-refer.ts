import { UsageError, type CommandSpec } from '../src/bot/commands';
import { dedupeKey } from '../src/bot/incoming-message';
import { adminTargets } from '../src/help-cases/help-case-people';
import { opinionCard, senderLabel } from '../src/opinions/format-opinion';
import { KIND_LABELS, OPEN_STATUSES, opinionCode } from '../src/opinions/opinion';
import { finishedRefusal, handledOpinion, tellSender } from './opinion-arg';

/** `上报 Y<n> <理由>`: what the branch cannot settle goes to the township committee (the county admins hear it). */
export const referOpinion: CommandSpec = {
  name: '上报',
  audience: 'staff',
  usage: '上报 Y<编号> <理由>',
  summary: '支部解决不了的意见建议上报乡镇党委，私聊告诉提出人',
  example: '上报 Y5 涉及跨省医保政策，支部无权办理',
  async run(ctx, args, raw) {
    const found = await handledOpinion(ctx, args, raw);
    if (!found) return;
    const { opinion, rest: reason } = found;
    const refusal = finishedRefusal(opinion, '上报');
    if (refusal) return void (await ctx.reply(refusal));
    if (!reason) throw new UsageError('缺少上报理由');
    const now = ctx.now();
    const referred = await ctx.store.opinions.transition(
      opinion.id,
      { statuses: OPEN_STATUSES },
      { status: 'referred', referReason: reason, referredAt: now.toISOString() },
      now,
    );
    const code = opinionCode(opinion.id);
    if (!referred) return void (await ctx.reply(`意见 ${code} 刚刚被处理过，请发送「意见列表」查看最新状态。`));
    await ctx.store.opinions.addEvent(
      {
        opinionId: opinion.id,
        kind: 'refer',
        actor: ctx.identity,
        text: reason,
        idemKey: `${dedupeKey(ctx.message)}#refer`,
      },
      now,
    );
    const branch = await ctx.store.branches.get(opinion.branchId);
    const who = await senderLabel(ctx.store, referred);
    const card = opinionCard(
      `⬆️ ${branch?.name ?? '支部'}上报乡镇党委（理由：${reason}）`,
      referred,
      who,
      branch?.name ?? '',
      ctx.settings.timezone,
    );
    for (const target of await adminTargets(ctx.store, ctx.settings.admins)) await ctx.send(target, card);
    await tellSender(
      ctx,
      referred,
      `⬆️ 你的${KIND_LABELS[opinion.kind]} ${code} 已上报乡镇党委办理。\n理由：${reason}`,
    );
    await ctx.reply(`✅ ${code} 已上报乡镇党委，已告知提出人和县乡管理员。`);
  },
};
