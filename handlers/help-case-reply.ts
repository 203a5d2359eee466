import { UsageError, type CommandSpec } from '../src/bot/commands';
import type { Context } from '../src/bot/context';
import { caseCode, type HelpCase } from '../src/help-cases/help-case';
import { caseSecretaries, memberTargets } from '../src/help-cases/help-case-people';
import { GROUP_ACK } from '../src/help-cases/format-help-case';
import { dedupeKey } from '../src/bot/incoming-message';
import { handledCase, ownCase, rawText } from './help-case-arg';

const PRIVACY_HINT = '（求助涉及个人情况，建议以后私聊我处理。）';

async function closedRefusal(ctx: Context, helpCase: HelpCase): Promise<boolean> {
  if (helpCase.status !== 'closed') return false;
  await ctx.reply(`求助 ${caseCode(helpCase.id)} 已结案。如需继续跟进，请让党员重新发送「求助 <内容>」。`);
  return true;
}

/** `回复 H<n> <答复>`: relayed to the member 1:1; the first reply moves the case from 待回复 to 已回复. */
export const replyHelpCase: CommandSpec = {
  name: '回复',
  audience: 'secretary',
  usage: '回复 H<编号> <答复>',
  summary: '答复党员的求助，机器人私聊转达给党员',
  example: '回复 H3 已联系社区，明天上午带户口本去街道办',
  async run(ctx, args) {
    const found = await handledCase(ctx, args);
    if (!found) return;
    const { helpCase, rest } = found;
    if (!rest) throw new UsageError('缺少答复内容');
    const answer = rawText(ctx, '回复', true) || rest;
    if (await closedRefusal(ctx, helpCase)) return;
    const code = caseCode(helpCase.id);
    const [reach] = await memberTargets(ctx.store, [helpCase.memberId], helpCase.platform);
    const asker = await ctx.store.members.get(helpCase.memberId);
    if (!reach) {
      await ctx.reply(`${asker?.name ?? '该党员'}还没有可以私聊的账号，无法转达，请电话联系。`);
      return;
    }
    const now = ctx.now();
    const sender = ctx.member?.name ?? '书记';
    await ctx.send(reach.target, `💬 ${sender}答复了你的求助 ${code}：\n${answer}\n如需补充：补充 ${code} <内容>`);
    await ctx.store.helpCases.addEvent(
      {
        caseId: helpCase.id,
        kind: 'reply',
        actor: ctx.identity,
        text: answer,
        idemKey: `${dedupeKey(ctx.message)}#reply`,
      },
      now,
    );
    if (helpCase.status === 'open')
      await ctx.store.helpCases.update(helpCase.id, { status: 'replied', firstReplyAt: now.toISOString() }, now);
    // In a group, not even who asked: the case number is enough for the secretary.
    await ctx.reply(
      ctx.isGroup
        ? `✅ 已私聊转达（${code}）。${PRIVACY_HINT}`
        : `✅ 已把答复私聊转达给${asker?.name ?? '党员'}（${code}）。`,
    );
  },
};

/** `补充 H<n> <内容>`: the member adds to their own case; relayed to whoever follows it. */
export const addToHelpCase: CommandSpec = {
  name: '补充',
  audience: 'member',
  usage: '补充 H<编号> <补充内容>',
  summary: '给自己的求助补充情况，机器人转给负责的书记',
  example: '补充 H3 孩子今年 6 岁，户口在老家',
  async run(ctx, args) {
    const found = await ownCase(ctx, args);
    if (!found) return;
    const { helpCase, rest } = found;
    if (!rest) throw new UsageError('缺少补充内容');
    const note = rawText(ctx, '补充', true) || rest;
    if (await closedRefusal(ctx, helpCase)) return;
    const code = caseCode(helpCase.id);
    const ids =
      helpCase.assigneeId !== undefined
        ? [helpCase.assigneeId]
        : await caseSecretaries(ctx.store, helpCase, [helpCase.memberId]);
    await ctx.store.helpCases.addEvent(
      { caseId: helpCase.id, kind: 'note', actor: ctx.identity, text: note, idemKey: `${dedupeKey(ctx.message)}#note` },
      ctx.now(),
    );
    if (ctx.isGroup) await ctx.reply(GROUP_ACK);
    await ctx.replyPrivately(`✅ 已把补充内容转给书记（${code}）。`);
    for (const { target } of await memberTargets(ctx.store, ids, ctx.message.platform)) {
      await ctx.send(target, `📝 ${ctx.member!.name}补充了求助 ${code}：\n${note}\n答复：回复 ${code} <答复>`);
    }
  },
};
