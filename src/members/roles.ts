import type { Member } from '../model';
import type { Store } from '../store/store';

export interface Roles {
  admin: boolean;
  /** Branch ids this person is secretary of. */
  secretaryOf: Set<number>;
}

export async function resolveRoles(
  store: Store,
  admins: ReadonlySet<string>,
  identity: string,
  member?: Member,
): Promise<Roles> {
  const roles: Roles = { admin: admins.has(identity), secretaryOf: new Set() };
  if (!member) return roles;
  for (const grant of await store.roles.listByMember(member.id)) {
    if (grant.role === 'admin') roles.admin = true;
    if (grant.role === 'secretary' && grant.branchId !== null) roles.secretaryOf.add(grant.branchId);
  }
  return roles;
}

/** Admins may act as secretary of any branch. */
export function canManage(roles: Roles, branchId: number | undefined): boolean {
  return roles.admin || (branchId !== undefined && roles.secretaryOf.has(branchId));
}
