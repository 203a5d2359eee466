import type { CommandSpec } from '../src/bot/commands';
import { dedupeKey } from '../src/bot/incoming-message';
import { opinionCode } from '../src/opinions/opinion';
import { memberTrace, ownOpinion } from './opinion-arg';

/** `确认 Y<n>`: the sender accepts how their closed opinion was handled. */
export const confirmOpinion: CommandSpec = {
  name: '确认',
  audience: 'member',
  usage: '确认 Y<编号>',
  summary: '确认自己的意见建议办理结果（销号后使用）',
  example: '确认 Y3',
  async run(ctx, args, raw) {
    const found = await ownOpinion(ctx, args, raw);
    if (!found) return;
    const { opinion } = found;
    const code = opinionCode(opinion.id);
    if (opinion.confirmedAt) return void (await ctx.reply(`你已经确认过 ${code} 的办理结果，谢谢！`));
    if (opinion.status !== 'closed')
      return void (await ctx.reply(`意见 ${code} 还没有销号，销号后再确认。发送「我的意见」可查看进度。`));
    const now = ctx.now();
    const done = await ctx.store.opinions.transition(
      opinion.id,
      { statuses: ['closed'] },
      { confirmedAt: now.toISOString() },
      now,
    );
    if (!done) return void (await ctx.reply(`意见 ${code} 的状态刚刚变了，请发送「我的意见」查看。`));
    const trace = memberTrace(ctx, opinion.anonymous, dedupeKey(ctx.message));
    await ctx.store.opinions.addEvent(
      { opinionId: opinion.id, kind: 'confirm', actor: trace.actor, idemKey: `${trace.key}#confirm` },
      now,
    );
    await ctx.reply(`感谢确认！${code} 已办结。`);
  },
};
