import type { CommandSpec } from '../src/bot/commands';
import type { Context } from '../src/bot/context';
import { caseScope } from '../src/help-cases/help-case-access';
import type { HelpCaseStatus } from '../src/help-cases/help-case';
import { caseLine } from '../src/help-cases/format-help-case';
import { describeAsker } from '../src/help-cases/help-case-people';

const LIMIT = 30;
const OPEN: HelpCaseStatus[] = ['open', 'replied'];

/** Lists carry request texts: in a group the list goes 1:1 and the group only hears where it went. */
async function sendList(ctx: Context, text: string, what: string): Promise<void> {
  if (ctx.isGroup) await ctx.reply(`${what}已私聊发给你（求助内容不在群里显示）。`);
  await ctx.replyPrivately(text);
}

export const helpCaseList: CommandSpec = {
  name: '求助列表',
  audience: 'secretary',
  usage: '求助列表 [全部]',
  summary: '查看本支部党员的求助（默认未结案的；加「全部」含已结案），私聊发送',
  example: '求助列表 全部',
  async run(ctx, args) {
    const all = args === '全部';
    const roles = await ctx.roles();
    const scope = caseScope(roles);
    const cases = await ctx.store.helpCases.list({
      branchIds: scope,
      assigneeId: scope ? ctx.member?.id : undefined,
      statuses: all ? undefined : OPEN,
      limit: LIMIT,
    });
    if (cases.length === 0) {
      await ctx.reply(all ? '还没有求助记录。' : '目前没有未结案的求助 👍（发送「求助列表 全部」可查看已结案的）');
      return;
    }
    const lines = [];
    for (const c of cases) lines.push(caseLine(c, ctx.settings.timezone, await describeAsker(ctx.store, c)));
    const head = `${all ? '求助记录' : '未结案的求助'}（${cases.length}${cases.length === LIMIT ? '，仅显示最近的' : ''}）：`;
    await sendList(
      ctx,
      `${head}\n${lines.join('\n')}\n答复：回复 H<编号> <答复>；结案：结案 H<编号> <结果>`,
      '求助列表',
    );
  },
};

export const myHelpCases: CommandSpec = {
  name: '我的求助',
  audience: 'member',
  usage: '我的求助',
  summary: '查看你提交的求助和办理进度（私聊发送）',
  async run(ctx) {
    const cases = await ctx.store.helpCases.list({ memberId: ctx.member!.id, limit: LIMIT });
    if (cases.length === 0) {
      await ctx.reply('你还没有提交过求助。遇到困难可以发送：求助 <遇到的困难>');
      return;
    }
    const lines = cases.map((c) => caseLine(c, ctx.settings.timezone));
    const rate = cases.find((c) => c.status === 'closed' && !c.rating);
    const hint = rate ? `\n办结的求助请评价：评价 H${rate.id} 满意|不满意` : '';
    await sendList(ctx, `你的求助（${cases.length}）：\n${lines.join('\n')}${hint}`, '你的求助记录');
  },
};
