import type { CommandSpec } from '../src/bot/commands';
import { opinionLine } from '../src/opinions/format-opinion';
import { opinionCode } from '../src/opinions/opinion';

/** `我的意见`: the sender's own opinions (anonymous ones too) and what is waiting for them, 1:1. */
export const myOpinions: CommandSpec = {
  name: '我的意见',
  audience: 'member',
  usage: '我的意见',
  summary: '查看你提的意见建议和办理进度（私聊发送）',
  async run(ctx) {
    const opinions = (await ctx.store.opinions.listBySender(ctx.member!.id)).slice(0, 30);
    if (opinions.length === 0)
      return void (await ctx.reply('你还没有提过意见建议。可以发送：意见 <内容> 或 建议 <内容>（加「匿名」可匿名）'));
    const lines = opinions.map((o) => `${opinionLine(o, ctx.settings.timezone)}${o.anonymous ? ' 🔒匿名' : ''}`);
    const waiting = opinions.find((o) => o.status === 'closed' && !o.confirmedAt);
    const hint = waiting
      ? `\n${opinionCode(waiting.id)} 已销号，请确认：确认 ${opinionCode(waiting.id)}，或 不满意 ${opinionCode(waiting.id)} <理由>`
      : '';
    if (ctx.isGroup) await ctx.reply('已私聊发给你。');
    await ctx.replyPrivately(`你的意见建议：\n${lines.join('\n')}${hint}`);
  },
};
