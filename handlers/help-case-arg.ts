import { UsageError } from '../src/bot/commands';
import type { Context } from '../src/bot/context';
import { canHandleCase } from '../src/help-cases/help-case-access';
import { caseCode, parseCaseCode, type HelpCase } from '../src/help-cases/help-case';

export interface CaseArgs {
  helpCase: HelpCase;
  /** The text after the case number. */
  rest: string;
}

/** Splits `H12 其余内容` and loads the case; a missing or unknown number is a usage error naming what was typed. */
async function loadCase(ctx: Context, args: string): Promise<CaseArgs> {
  const [first = '', ...more] = args.split(/\s+/);
  const id = parseCaseCode(first);
  if (id === undefined)
    throw new UsageError(first ? `「${first}」不是求助编号，编号形如 H12` : '缺少求助编号，形如 H12');
  const helpCase = await ctx.store.helpCases.get(id);
  if (!helpCase) throw new UsageError(`没有找到求助 ${caseCode(id)}，请核对编号（书记发送「求助列表」可查看）`);
  return { helpCase, rest: more.join(' ').trim() };
}

/** A case the sender may handle (admin, assignee, or secretary of one of its branches). */
export async function handledCase(ctx: Context, args: string): Promise<CaseArgs | undefined> {
  const found = await loadCase(ctx, args);
  if (canHandleCase(await ctx.roles(), ctx.member?.id, found.helpCase)) return found;
  await ctx.reply(`求助 ${caseCode(found.helpCase.id)} 不归你负责，只有负责的书记、所在支部书记或管理员可以处理。`);
  return undefined;
}

/** One of the sender's own cases. */
export async function ownCase(ctx: Context, args: string): Promise<CaseArgs | undefined> {
  const found = await loadCase(ctx, args);
  if (found.helpCase.memberId === ctx.member?.id) return found;
  await ctx.reply(`求助 ${caseCode(found.helpCase.id)} 不是你提交的。发送「我的求助」可查看你的求助编号。`);
  return undefined;
}

/**
 * The member's own words after the command (and case number), as typed: relayed texts keep their full-width
 * punctuation instead of the normalized form commands are parsed from.
 */
export function rawText(ctx: Context, command: string, withCode: boolean): string {
  let text = ctx.raw;
  if (!text.startsWith(command)) return '';
  text = text.slice(command.length).replace(/^[\s\u3000]+/, '');
  if (withCode) text = text.replace(/^[HhＨｈ]?[0-9０-９]+[\s\u3000]*/, '');
  return text.trim();
}
