import { createHash } from 'node:crypto';
import { UsageError } from '../src/bot/commands';
import type { Context } from '../src/bot/context';
import { canManage } from '../src/members/roles';
import { opinionCode, parseOpinionCode, type Opinion } from '../src/opinions/opinion';
import { senderTarget } from '../src/opinions/opinion-people';

export interface OpinionArgs {
  opinion: Opinion;
  /** The text after the number, as written. */
  rest: string;
}

/** Splits `Y12 其余内容` (matching form for the number, the raw text for the rest) and loads the opinion. */
async function loadOpinion(ctx: Context, args: string, raw: string): Promise<OpinionArgs> {
  const first = args.split(/\s+/)[0] ?? '';
  const id = parseOpinionCode(first);
  if (id === undefined)
    throw new UsageError(first ? `「${first}」不是意见编号，编号形如 Y12` : '缺少意见编号，形如 Y12');
  const opinion = await ctx.store.opinions.get(id);
  if (!opinion) throw new UsageError(`没有找到意见 ${opinionCode(id)}，请核对编号`);
  return { opinion, rest: raw.replace(/^[YyＹｙ]?[0-9０-９]+[\s\u3000]*/, '').trim() };
}

/** An opinion the sender may handle: an admin, or a secretary of the branch that answers for it. */
export async function handledOpinion(ctx: Context, args: string, raw: string): Promise<OpinionArgs | undefined> {
  const found = await loadOpinion(ctx, args, raw);
  if (canManage(await ctx.roles(), found.opinion.branchId)) return found;
  await ctx.reply(`意见 ${opinionCode(found.opinion.id)} 不归你的支部办理，只有责任支部的书记或管理员可以处理。`);
  return undefined;
}

/** One of the sender's own opinions (anonymous ones included: the sender link says whose it is). */
export async function ownOpinion(ctx: Context, args: string, raw: string): Promise<OpinionArgs | undefined> {
  const found = await loadOpinion(ctx, args, raw);
  const sender = await ctx.store.opinions.senderOf(found.opinion.id);
  if (sender !== undefined && sender.memberId === ctx.member?.id) return found;
  await ctx.reply(`意见 ${opinionCode(found.opinion.id)} 不是你提交的。发送「我的意见」可查看你的意见编号。`);
  return undefined;
}

/**
 * Keys and actors a member's step on an anonymous opinion leaves behind: a hash instead of the message's key (which
 * the message log could tie to the sender) and `anonymous` instead of the identity.
 */
export function memberTrace(ctx: Context, anonymous: boolean, key: string): { actor: string; key: string } {
  if (!anonymous) return { actor: ctx.identity, key };
  return { actor: 'anonymous', key: `anon:${createHash('sha256').update(key).digest('hex').slice(0, 32)}` };
}

/** Tells the sender 1:1 about their opinion; false when they cannot be reached. */
export async function tellSender(ctx: Context, opinion: Opinion, text: string): Promise<boolean> {
  const target = await senderTarget(ctx.store, opinion);
  if (target) await ctx.send(target, text);
  return target !== undefined;
}

/** A refusal for an opinion that is no longer the branch's to work on (closed, or handed up). */
export function finishedRefusal(opinion: Opinion, action: string): string | undefined {
  const code = opinionCode(opinion.id);
  if (opinion.status === 'closed') return `意见 ${code} 已销号，不能再${action}。如党员不满意，会由党员退回重新办理。`;
  if (opinion.status === 'referred') return `意见 ${code} 已上报乡镇党委，不能再${action}。`;
  return undefined;
}
