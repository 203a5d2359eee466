import type { Platform } from '../bot/incoming-message';
import { privateTarget } from '../members/members';
import type { Member } from '../model';
import type { SendTarget } from '../outbox/outbox-types';
import type { Store } from '../store/store';
import type { HelpCase } from './help-case';

/** The secretary who follows a new case: the host branch's (where the member is), else the home branch's. */
export async function assigneeFor(store: Store, member: Member): Promise<number | undefined> {
  for (const branchId of [member.hostBranchId, member.homeBranchId]) {
    if (branchId === undefined) continue;
    // A secretary asking for help is helped by someone else: the other branch's secretary or, failing that, admins.
    const other = (await store.roles.secretariesOf(branchId)).find((g) => g.memberId !== member.id);
    if (other) return other.memberId;
  }
  return undefined;
}

/** Secretaries of the case's branches other than `except` (kept informed: 抄送). */
export async function caseSecretaries(store: Store, helpCase: HelpCase, except: number[] = []): Promise<number[]> {
  const ids = new Set<number>();
  for (const branchId of [helpCase.hostBranchId, helpCase.homeBranchId]) {
    if (branchId === undefined) continue;
    for (const g of await store.roles.secretariesOf(branchId)) if (!except.includes(g.memberId)) ids.add(g.memberId);
  }
  return [...ids];
}

/** `张三（青山村党支部 → 广州流动党支部）`: who asked and where they belong, for the people who follow the case. */
export async function describeAsker(store: Store, helpCase: HelpCase): Promise<string> {
  const member = await store.members.get(helpCase.memberId);
  const names: string[] = [];
  for (const id of [helpCase.homeBranchId, helpCase.hostBranchId]) {
    const branch = id === undefined ? undefined : await store.branches.get(id);
    if (branch) names.push(branch.name);
  }
  return `${member?.name ?? `党员#${helpCase.memberId}`}${names.length ? `（${names.join(' → ')}）` : ''}`;
}

/** Admins from configuration (ZHIBU_ADMINS identity keys), as 1:1 targets. */
export function configAdminTargets(admins: ReadonlySet<string>): SendTarget[] {
  return [...admins].map((key) => {
    const [platform, ...rest] = key.split(':');
    return { platform: platform as Platform, chatId: rest.join(':'), chatType: 'single' as const };
  });
}

/** Members' 1:1 targets (those without any identity are skipped), preferring `platform`. */
export async function memberTargets(
  store: Store,
  memberIds: number[],
  platform?: Platform,
): Promise<Array<{ memberId: number; target: SendTarget }>> {
  const out: Array<{ memberId: number; target: SendTarget }> = [];
  for (const memberId of memberIds) {
    const target = await privateTarget(store, memberId, platform);
    if (target) out.push({ memberId, target });
  }
  return out;
}

/** The same chat once, whatever list it came from. */
export function uniqueTargets(targets: SendTarget[]): SendTarget[] {
  const seen = new Set<string>();
  return targets.filter((t) => {
    const key = `${t.platform}:${t.chatId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Admins granted in chat plus those configured in ZHIBU_ADMINS, each chat once (the county staff). */
export async function adminTargets(store: Store, admins: ReadonlySet<string>): Promise<SendTarget[]> {
  const targets = configAdminTargets(admins);
  const granted: number[] = [];
  // The role port has no "list admins"; callers run only when something needs the admins.
  for (const m of await store.members.list())
    if ((await store.roles.listByMember(m.id)).some((g) => g.role === 'admin')) granted.push(m.id);
  for (const { target } of await memberTargets(store, granted)) targets.push(target);
  return uniqueTargets(targets);
}
