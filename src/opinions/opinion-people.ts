import type { Platform } from '../bot/incoming-message';
import { adminTargets } from '../help-cases/help-case-people';
import { privateTarget, secretaryTargets } from '../members/members';
import type { Member } from '../model';
import type { SendTarget } from '../outbox/outbox-types';
import type { Store } from '../store/store';
import { SIDE_LABELS, type BranchSide, type Opinion } from './opinion';

export type BranchPick = { branchId: number; side: BranchSide } | { error: string };

/**
 * The branch that answers for a new opinion: the side the member named (流入地/流出地), else the chat's branch when
 * it is one of theirs, else where they are now (host), else home.
 */
export function responsibleBranch(member: Member, side: BranchSide | undefined, chatBranchId?: number): BranchPick {
  const of = (s: BranchSide) => (s === 'home' ? member.homeBranchId : member.hostBranchId);
  if (side) {
    const branchId = of(side);
    return branchId === undefined
      ? { error: `你还没有登记${SIDE_LABELS[side]}支部，请去掉「${SIDE_LABELS[side]}」或联系书记登记。` }
      : { branchId, side };
  }
  for (const s of ['home', 'host'] as const)
    if (chatBranchId !== undefined && of(s) === chatBranchId) return { branchId: chatBranchId, side: s };
  if (member.hostBranchId !== undefined) return { branchId: member.hostBranchId, side: 'host' };
  if (member.homeBranchId !== undefined) return { branchId: member.homeBranchId, side: 'home' };
  return { error: '你还没有所属支部，暂时无法提交。请先在支部群里报到。' };
}

/** Where the sender is told about their opinion: 1:1, on the platform they wrote from. */
export async function senderTarget(store: Store, opinion: Opinion): Promise<SendTarget | undefined> {
  const sender = await store.opinions.senderOf(opinion.id);
  return sender && privateTarget(store, sender.memberId, sender.platform);
}

/** The responsible branch's secretaries, or the admins when the branch has nobody reachable. */
export async function handlerTargets(
  store: Store,
  admins: ReadonlySet<string>,
  opinion: Opinion,
  prefer?: Platform,
): Promise<SendTarget[]> {
  const secretaries = (await secretaryTargets(store, opinion.branchId, prefer)).map((s) => s.target);
  return secretaries.length ? secretaries : adminTargets(store, admins);
}
