import type { Context } from '../src/bot/context';

/** The branches a message speaks for: the chat's branch in a bound chat, else every branch of the sender. */
export function branchesInScope(ctx: Context): number[] {
  if (ctx.chat.branchId !== undefined) return [ctx.chat.branchId];
  const m = ctx.member;
  return [m?.homeBranchId, m?.hostBranchId].filter((id): id is number => id !== undefined);
}
