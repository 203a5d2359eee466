import type { CommandSpec } from '../src/bot/commands';
import { opinionLine, senderLabel } from '../src/opinions/format-opinion';
import { OPEN_STATUSES } from '../src/opinions/opinion';

const LIMIT = 30;

/** `意见列表 [全部]`: the opinions of the branches the sender runs; the texts go 1:1, never into a group. */
export const opinionList: CommandSpec = {
  name: '意见列表',
  audience: 'staff',
  usage: '意见列表 [全部]',
  summary: '查看本支部的意见建议（默认未销号的；加「全部」含已销号和已上报的），私聊发送',
  example: '意见列表 全部',
  async run(ctx, args) {
    const all = args === '全部';
    const roles = await ctx.roles();
    const opinions = await ctx.store.opinions.list({
      branchIds: roles.admin ? undefined : [...roles.secretaryOf],
      statuses: all ? undefined : OPEN_STATUSES,
      limit: LIMIT,
    });
    if (opinions.length === 0)
      return void (await ctx.reply(
        all ? '还没有意见建议。' : '目前没有待办的意见建议 👍（发送「意见列表 全部」可查看已办结的）',
      ));
    const lines: string[] = [];
    for (const o of opinions) lines.push(opinionLine(o, ctx.settings.timezone, await senderLabel(ctx.store, o)));
    const head = `${all ? '意见建议' : '待办的意见建议'}（${opinions.length}${opinions.length === LIMIT ? '，仅显示最近的' : ''}）：`;
    if (ctx.isGroup) await ctx.reply('意见列表已私聊发给你（内容不在群里显示）。');
    await ctx.replyPrivately(
      `${head}\n${lines.join('\n')}\n答复 Y<编号> <内容>｜销号 Y<编号> <办理结果>｜上报 Y<编号> <理由>`,
    );
  },
};
