import { UsageError, type CommandSpec } from '../src/bot/commands';
import type { Context } from '../src/bot/context';
import { dedupeKey } from '../src/bot/incoming-message';
import type { QuestionAnswerer } from '../src/answers/question-answerer';
import { classifyOpinion } from '../src/opinions/classify-opinion';
import { ANONYMOUS_LABEL, opinionCard } from '../src/opinions/format-opinion';
import {
  KIND_LABELS,
  OPINION_CATEGORY_LABELS,
  SIDE_LABELS,
  opinionCode,
  type BranchSide,
  type Opinion,
  type OpinionKind,
} from '../src/opinions/opinion';
import { handlerTargets, responsibleBranch } from '../src/opinions/opinion-people';
import { memberTrace } from './opinion-arg';
import { gluedFreeText } from '../src/bot/glued-free-text';

/** What a group hears: that it arrived, nothing of what it says. */
export const OPINION_GROUP_ACK = '已收到，编号和办理进展会私聊告诉你。';

const SIDES: Record<string, BranchSide> = { 流入地: 'host', 流入: 'host', 流出地: 'home', 流出: 'home' };

export interface OpinionRequest {
  anonymous: boolean;
  side?: BranchSide;
  content: string;
}

/** `匿名 流入地 <内容>`: leading options in any order, then the text exactly as written. */
export function parseOpinionRequest(raw: string): OpinionRequest {
  const request: OpinionRequest = { anonymous: false, content: '' };
  let rest = raw.trim();
  for (;;) {
    const m = /^(\S+?)(?:[\s\u3000]+|$)/.exec(rest);
    const word = m?.[1] ?? '';
    if (word === '匿名') request.anonymous = true;
    else if (SIDES[word]) request.side = SIDES[word];
    else break;
    rest = rest.slice(m![0].length);
  }
  request.content = rest.trim();
  return request;
}

function receipt(o: Opinion, branchName: string, inGroup: boolean): string {
  const code = opinionCode(o.id);
  return [
    `✅ 你的${KIND_LABELS[o.kind]}已登记，编号 ${code}（分类：${OPINION_CATEGORY_LABELS[o.category]}）。`,
    `责任支部：${branchName}（${SIDE_LABELS[o.branchSide]}），办理的每一步都会私聊告诉你。`,
    o.anonymous ? '🔒 这是匿名意见：书记只看到内容，看不到是谁提的。' : '',
    o.anonymous && inGroup ? '提示：群里的人能看到这条消息是谁发的，以后匿名意见请私聊我发送。' : '',
    `查看进度：我的意见`,
  ]
    .filter(Boolean)
    .join('\n');
}

async function notifyBranch(ctx: Context, o: Opinion, branchName: string): Promise<void> {
  const who = o.anonymous ? ANONYMOUS_LABEL : ctx.member!.name;
  const card = opinionCard(`📮 新${KIND_LABELS[o.kind]}`, o, who, branchName, ctx.settings.timezone);
  for (const target of await handlerTargets(ctx.store, ctx.settings.admins, o, ctx.message.platform))
    await ctx.send(target, card);
}

/**
 * `意见 <内容>` / `建议 <内容>`, optionally `匿名` and `流入地`/`流出地`: opens Y<n> for the responsible branch. As for
 * 求助, a group only hears that it arrived; the number and every later step go 1:1.
 */
export function openOpinion(qa: QuestionAnswerer): CommandSpec {
  return {
    name: '意见',
    aliases: ['建议'],
    audience: 'member',
    gluedArgs: gluedFreeText,
    usage: '意见|建议 [匿名] [流入地|流出地] <内容>',
    summary: '向支部提意见或建议（可匿名），书记办理后销号，每一步私聊告诉你；建议私聊我发送',
    example: '建议 匿名 流入地 支部学习能不能安排在周末晚上',
    async run(ctx, _args, raw) {
      const kind: OpinionKind = ctx.matchCommand('建议', true) ? 'suggestion' : 'opinion';
      const request = parseOpinionRequest(raw);
      if (!request.content) throw new UsageError(`缺少${KIND_LABELS[kind]}内容，请写明想说的话`);
      const member = ctx.member!;
      const pick = responsibleBranch(member, request.side, ctx.chat.branchId);
      if ('error' in pick) return void (await ctx.reply(pick.error));
      const trace = memberTrace(ctx, request.anonymous, dedupeKey(ctx.message));
      const { opinion } = await ctx.store.opinions.open(
        {
          kind,
          category: classifyOpinion(request.content, qa.kb.current),
          content: request.content,
          anonymous: request.anonymous,
          branchId: pick.branchId,
          branchSide: pick.side,
          platform: ctx.message.platform,
          sourceKey: trace.key,
        },
        { memberId: member.id, platform: ctx.message.platform },
        ctx.now(),
      );
      const branchName = (await ctx.store.branches.get(opinion.branchId))?.name ?? `支部#${opinion.branchId}`;
      // Member replies first: a re-run of this message (crash recovery) then produces the same outbox keys.
      if (ctx.isGroup) await ctx.reply(OPINION_GROUP_ACK);
      await ctx.replyPrivately(receipt(opinion, branchName, ctx.isGroup));
      await ctx.store.opinions.addEvent(
        {
          opinionId: opinion.id,
          kind: 'open',
          actor: trace.actor,
          text: opinion.content,
          idemKey: `${trace.key}#open`,
        },
        ctx.now(),
      );
      await notifyBranch(ctx, opinion, branchName);
    },
  };
}
