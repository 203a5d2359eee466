import { UsageError, type CommandSpec } from '../src/bot/commands';
import type { Context } from '../src/bot/context';
import { classifyHelpCase } from '../src/help-cases/classify-help-case';
import { caseCode, type HelpCase } from '../src/help-cases/help-case';
import {
  assigneeFor,
  caseSecretaries,
  configAdminTargets,
  describeAsker,
  memberTargets,
} from '../src/help-cases/help-case-people';
import { caseCard, GROUP_ACK } from '../src/help-cases/format-help-case';
import { rawText } from './help-case-arg';
import { dedupeKey } from '../src/bot/incoming-message';
import { CATEGORY_LABELS } from '../src/answers/kb/category';
import type { QuestionAnswerer } from '../src/answers/question-answerer';
import { gluedFreeText } from '../src/bot/glued-free-text';

/** Tells the assignee (the full request), the other secretaries of both branches (抄送), or the admins if nobody else. */
async function notifyHandlers(ctx: Context, helpCase: HelpCase): Promise<void> {
  const { store, settings } = ctx.services;
  const asker = await describeAsker(store, helpCase);
  const assigned =
    helpCase.assigneeId === undefined ? [] : await memberTargets(store, [helpCase.assigneeId], ctx.message.platform);
  for (const { target } of assigned) await ctx.send(target, caseCard('🆘 新求助', helpCase, asker, settings.timezone));
  const copied = await memberTargets(
    store,
    await caseSecretaries(store, helpCase, [helpCase.assigneeId ?? -1, helpCase.memberId]),
    ctx.message.platform,
  );
  for (const { target } of copied)
    await ctx.send(target, caseCard('📋 抄送：本支部党员求助', helpCase, asker, settings.timezone));
  if (assigned.length + copied.length === 0) {
    for (const target of configAdminTargets(settings.admins))
      await ctx.send(target, caseCard('🆘 新求助（所在支部没有可联系的书记）', helpCase, asker, settings.timezone));
  }
}

function receipt(helpCase: HelpCase, assignee: string | undefined, suggestion: string | undefined): string {
  const code = caseCode(helpCase.id);
  return [
    `✅ 你的求助已登记，编号 ${code}（分类：${CATEGORY_LABELS[helpCase.category]}）。`,
    assignee ? `已交给${assignee}跟进，书记会尽快私聊联系你。` : '已转给管理员，会尽快联系你。',
    suggestion ? `等待期间可以先看看：【${suggestion}】（发送标题即可查看）` : '',
    `补充情况：补充 ${code} <内容>\n查看进度：我的求助`,
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * `求助 <内容>`: opens case H<n>, assigned to the host branch's secretary (else the home branch's) and visible to both.
 * The request is personal: in a group the bot only says it was received, and everything else goes 1:1.
 */
export function openHelpCase(qa: QuestionAnswerer): CommandSpec {
  return {
    name: '求助',
    audience: 'member',
    gluedArgs: gluedFreeText,
    usage: '求助 <遇到的困难>',
    summary: '向书记求助（就业、就医、就学等），书记会私聊联系你；涉及个人情况建议私聊我发送',
    example: '求助 孩子明年在广州上小学，不知道要准备什么材料',
    async run(ctx, args) {
      if (!args) throw new UsageError('缺少求助内容，请写明遇到的困难');
      const content = rawText(ctx, '求助', false) || args;
      const member = ctx.member!;
      const kb = qa.kb.current;
      const { helpCase } = await ctx.store.helpCases.open(
        {
          memberId: member.id,
          category: classifyHelpCase(args, kb),
          content,
          platform: ctx.message.platform,
          sourceKey: dedupeKey(ctx.message),
          homeBranchId: member.homeBranchId,
          hostBranchId: member.hostBranchId,
          assigneeId: await assigneeFor(ctx.store, member),
        },
        ctx.now(),
      );
      const assignee = helpCase.assigneeId === undefined ? undefined : await ctx.store.members.get(helpCase.assigneeId);
      const top = qa.search(args, 1)[0];
      // Member replies first: a re-run of this message (crash recovery) then produces the same outbox keys.
      if (ctx.isGroup) await ctx.reply(GROUP_ACK);
      await ctx.replyPrivately(receipt(helpCase, assignee?.name, kb.isConfident(top) ? top.entry.title : undefined));
      // No early return when the case existed: a crash after opening it must still leave the history and the notices
      // (both keyed, so a second handling adds neither twice).
      await ctx.store.helpCases.addEvent(
        {
          caseId: helpCase.id,
          kind: 'open',
          actor: ctx.identity,
          text: content,
          idemKey: `${helpCase.sourceKey}#open`,
        },
        ctx.now(),
      );
      await notifyHandlers(ctx, helpCase);
    },
  };
}
