import { UsageError, type CommandSpec } from '../src/bot/commands';
import { dedupeKey } from '../src/bot/incoming-message';
import { KIND_LABELS, OPEN_STATUSES, opinionCode } from '../src/opinions/opinion';
import { finishedRefusal, handledOpinion, tellSender } from './opinion-arg';

/** `答复 Y<n> <内容>`: relayed to the sender 1:1; the opinion moves from 已受理 to 已答复. */
export const answerOpinion: CommandSpec = {
  name: '答复',
  audience: 'staff',
  usage: '答复 Y<编号> <答复内容>',
  summary: '答复党员的意见建议，机器人私聊转达（匿名的也能转达）',
  example: '答复 Y3 已和村委沟通，下周起学习改到周六晚上',
  async run(ctx, args, raw) {
    const found = await handledOpinion(ctx, args, raw);
    if (!found) return;
    const { opinion, rest: answer } = found;
    if (!answer) throw new UsageError('缺少答复内容');
    const refusal = finishedRefusal(opinion, '答复');
    if (refusal) return void (await ctx.reply(refusal));
    const now = ctx.now();
    const updated = await ctx.store.opinions.transition(
      opinion.id,
      { statuses: OPEN_STATUSES },
      { status: 'answered', answer, answeredAt: opinion.answeredAt ?? now.toISOString() },
      now,
    );
    if (!updated)
      return void (await ctx.reply(`意见 ${opinionCode(opinion.id)} 刚刚被处理过，请发送「意见列表」查看最新状态。`));
    const code = opinionCode(opinion.id);
    await ctx.store.opinions.addEvent(
      {
        opinionId: opinion.id,
        kind: 'answer',
        actor: ctx.identity,
        text: answer,
        idemKey: `${dedupeKey(ctx.message)}#answer`,
      },
      now,
    );
    const told = await tellSender(
      ctx,
      updated,
      `💬 你的${KIND_LABELS[opinion.kind]} ${code} 有了答复：\n${answer}\n办结销号后会再告诉你。`,
    );
    await ctx.reply(`✅ 已答复 ${code}${told ? '，已私聊转达给提出人' : '（提出人暂时无法私聊联系）'}。`);
  },
};
