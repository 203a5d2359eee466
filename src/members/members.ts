import type { Platform } from '../bot/incoming-message';
import type { Member } from '../model';
import type { SendTarget } from '../outbox/outbox-types';
import type { Store } from '../store/store';

export type MemberLookup = { kind: 'one'; member: Member } | { kind: 'none' } | { kind: 'many'; members: Member[] };

/** Finds a member of a branch by name; several members of one branch may share a name. */
export async function findBranchMember(store: Store, branchId: number, name: string): Promise<MemberLookup> {
  const found = (await store.members.findByName(name)).filter(
    (m) => m.homeBranchId === branchId || m.hostBranchId === branchId,
  );
  if (found.length === 0) return { kind: 'none' };
  if (found.length > 1) return { kind: 'many', members: found };
  return { kind: 'one', member: found[0] };
}

/** Where to reach a member 1:1: their identity on `prefer` if they have one, else their first identity. */
export async function privateTarget(
  store: Store,
  memberId: number,
  prefer?: Platform,
): Promise<SendTarget | undefined> {
  const ids = await store.identities.listByMember(memberId);
  const id = ids.find((i) => i.platform === prefer) ?? ids[0];
  return id && { platform: id.platform, chatId: id.userId, chatType: 'single' };
}

/** A branch's secretaries who can be reached 1:1, with where to reach each (those without an identity are skipped). */
export async function secretaryTargets(
  store: Store,
  branchId: number,
  prefer?: Platform,
): Promise<Array<{ memberId: number; target: SendTarget }>> {
  const out: Array<{ memberId: number; target: SendTarget }> = [];
  for (const grant of await store.roles.secretariesOf(branchId)) {
    const target = await privateTarget(store, grant.memberId, prefer);
    if (target) out.push({ memberId: grant.memberId, target });
  }
  return out;
}

/** Platform user ids of these members on `platform` (members without an identity there are skipped). */
export async function userIdsOn(store: Store, members: Member[], platform: Platform): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const m of members) {
    const id = (await store.identities.listByMember(m.id)).find((i) => i.platform === platform);
    if (id) out.set(m.id, id.userId);
  }
  return out;
}

/** 138****5678: phone numbers never appear whole in a group. */
export function maskPhone(phone: string | undefined): string {
  if (!phone) return '';
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}
