import type { Member } from '../model';
import type { MemberLookup } from '../members/members';
import { canManage, type Roles } from '../members/roles';
import type { Store } from '../store/store';

/** A secretary manages a member through either the member's home or host branch; admins manage everyone. */
export function managesMember(roles: Roles, member: Pick<Member, 'homeBranchId' | 'hostBranchId'>): boolean {
  return canManage(roles, member.homeBranchId) || canManage(roles, member.hostBranchId);
}

/**
 * `张伟` or `张伟#7` (the number the ambiguity answer lists) among the members this person manages. Members of other
 * branches are never found, so an answer cannot reveal that someone of that name exists elsewhere.
 */
export async function findManagedMember(store: Store, roles: Roles, written: string): Promise<MemberLookup> {
  const m = /^(.+?)#(\d+)$/u.exec(written);
  const name = m ? m[1] : written;
  const found = (await store.members.findByName(name)).filter(
    (x) => managesMember(roles, x) && (!m || x.id === Number(m[2])),
  );
  if (found.length === 0) return { kind: 'none' };
  if (found.length > 1) return { kind: 'many', members: found };
  return { kind: 'one', member: found[0] };
}

/** `· 张伟#3（青山村党支部 / 广州流动党支部）`: one line per same-named member, to pick from. */
export async function candidateLines(store: Store, members: Member[]): Promise<string> {
  const lines: string[] = [];
  for (const m of members) {
    const names: string[] = [];
    for (const id of [m.homeBranchId, m.hostBranchId])
      if (id !== undefined) names.push((await store.branches.get(id))?.name ?? `支部${id}`);
    lines.push(`· ${m.name}#${m.id}（${names.join(' / ') || '未分支部'}）`);
  }
  return lines.join('\n');
}
