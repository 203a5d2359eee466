import { UsageError, type CommandSpec } from '../src/bot/commands';
import type { Context } from '../src/bot/context';
import { caseCode, type HelpCase } from '../src/help-cases/help-case';
import { caseCard } from '../src/help-cases/format-help-case';
import { describeAsker, memberTargets } from '../src/help-cases/help-case-people';
import { dedupeKey } from '../src/bot/incoming-message';
import { CATEGORY_CHOICES, CATEGORY_LABELS, parseCategory } from '../src/answers/kb/category';
import type { Member } from '../src/model';
import { handledCase, rawText } from './help-case-arg';

const PRIVACY_HINT = '（求助涉及个人情况，建议私聊我处理。）';

/** Tells the member about their case, 1:1 on the platform they asked on. */
async function tellMember(ctx: Context, helpCase: HelpCase, text: string): Promise<boolean> {
  const [reach] = await memberTargets(ctx.store, [helpCase.memberId], helpCase.platform);
  if (reach) await ctx.send(reach.target, text);
  return reach !== undefined;
}

/** Someone who can follow a case: a secretary of any branch or an admin, found by name. */
async function findHandler(ctx: Context, name: string): Promise<Member> {
  const withRole: Member[] = [];
  for (const m of await ctx.store.members.findByName(name))
    if ((await ctx.store.roles.listByMember(m.id)).length > 0) withRole.push(m);
  if (withRole.length === 0)
    throw new UsageError(`没有找到名叫「${name}」的支部书记或管理员（只能转交给书记或管理员）`);
  if (withRole.length > 1) throw new UsageError(`有 ${withRole.length} 位书记或管理员叫「${name}」，请在管理后台转交`);
  return withRole[0];
}

function stillOpen(helpCase: HelpCase): void {
  if (helpCase.status === 'closed') throw new UsageError(`求助 ${caseCode(helpCase.id)} 已结案`);
}

export const transferHelpCase: CommandSpec = {
  name: '转交',
  audience: 'secretary',
  usage: '转交 H<编号> <姓名>',
  summary: '把求助转给另一位支部书记或管理员跟进',
  example: '转交 H3 李书记',
  async run(ctx, args) {
    const found = await handledCase(ctx, args);
    if (!found) return;
    const { helpCase, rest: name } = found;
    if (!name) throw new UsageError('缺少接手人的姓名');
    stillOpen(helpCase);
    const to = await findHandler(ctx, name);
    const now = ctx.now();
    const updated = await ctx.store.helpCases.update(helpCase.id, { assigneeId: to.id }, now);
    await ctx.store.helpCases.addEvent(
      {
        caseId: helpCase.id,
        kind: 'transfer',
        actor: ctx.identity,
        text: to.name,
        idemKey: `${dedupeKey(ctx.message)}#transfer`,
      },
      now,
    );
    const code = caseCode(helpCase.id);
    const [reach] = await memberTargets(ctx.store, [to.id], ctx.message.platform);
    const asker = await describeAsker(ctx.store, updated);
    if (reach)
      await ctx.send(
        reach.target,
        caseCard(`📨 ${ctx.member?.name ?? '管理员'}转交给你的求助`, updated, asker, ctx.settings.timezone),
      );
    await tellMember(ctx, updated, `你的求助 ${code} 已转交给${to.name}跟进，会尽快联系你。`);
    await ctx.reply(
      `✅ 已把 ${code} 转交给${to.name}${reach ? '' : '（对方还没有可私聊的账号，请另行告知）'}。${ctx.isGroup ? PRIVACY_HINT : ''}`,
    );
  },
};

export const closeHelpCase: CommandSpec = {
  name: '结案',
  audience: 'secretary',
  usage: '结案 H<编号> <办理结果>',
  summary: '办结求助，把结果私聊告诉党员并请其评价',
  example: '结案 H3 已协助办理异地就医备案，医药费已直接结算',
  async run(ctx, args) {
    const found = await handledCase(ctx, args);
    if (!found) return;
    const { helpCase, rest: result } = found;
    if (!result) throw new UsageError('缺少办理结果');
    stillOpen(helpCase);
    const text = rawText(ctx, '结案', true) || result;
    const now = ctx.now();
    await ctx.store.helpCases.update(helpCase.id, { status: 'closed', result: text, closedAt: now.toISOString() }, now);
    await ctx.store.helpCases.addEvent(
      { caseId: helpCase.id, kind: 'close', actor: ctx.identity, text, idemKey: `${dedupeKey(ctx.message)}#close` },
      now,
    );
    const code = caseCode(helpCase.id);
    await tellMember(
      ctx,
      helpCase,
      `✅ 你的求助 ${code} 已办结：\n${text}\n请评价办理结果：评价 ${code} 满意 或 评价 ${code} 不满意`,
    );
    await ctx.reply(`✅ ${code} 已结案，已私聊请党员评价。${ctx.isGroup ? PRIVACY_HINT : ''}`);
  },
};

export const categorizeHelpCase: CommandSpec = {
  name: '分类',
  audience: 'secretary',
  usage: `分类 H<编号> ${CATEGORY_CHOICES}`,
  summary: '修改求助的分类（用于统计）',
  example: '分类 H3 就医',
  async run(ctx, args) {
    const found = await handledCase(ctx, args);
    if (!found) return;
    const category = parseCategory(found.rest);
    if (!category)
      throw new UsageError(found.rest ? `分类「${found.rest}」不认识，只能是 ${CATEGORY_CHOICES}` : '缺少分类');
    const now = ctx.now();
    await ctx.store.helpCases.update(found.helpCase.id, { category }, now);
    await ctx.store.helpCases.addEvent(
      {
        caseId: found.helpCase.id,
        kind: 'category',
        actor: ctx.identity,
        text: category,
        idemKey: `${dedupeKey(ctx.message)}#category`,
      },
      now,
    );
    await ctx.reply(`✅ ${caseCode(found.helpCase.id)} 的分类已改为「${CATEGORY_LABELS[category]}」。`);
  },
};
