import type { Branch, Member } from '../model';
import type { Roles } from '../members/roles';
import type { Store } from '../store/store';

/**
 * Which branches a dashboard user (or a CLI operator) may see. Every page and export filters through this on the
 * server, so a changed id in a URL finds nothing outside it.
 */
export interface AccessScope {
  all: boolean;
  branchIds: ReadonlySet<number>;
}

export const FULL_SCOPE: AccessScope = { all: true, branchIds: new Set() };

export function scopeOf(roles: Roles): AccessScope {
  return roles.admin ? FULL_SCOPE : { all: false, branchIds: new Set(roles.secretaryOf) };
}

export function hasAccess(scope: AccessScope): boolean {
  return scope.all || scope.branchIds.size > 0;
}

export function canSeeBranch(scope: AccessScope, branchId: number | undefined): boolean {
  return branchId !== undefined && (scope.all || scope.branchIds.has(branchId));
}

/** A member belongs to a secretary's view through either their home or their host branch. */
export function canSeeMember(scope: AccessScope, member: Pick<Member, 'homeBranchId' | 'hostBranchId'>): boolean {
  return canSeeBranch(scope, member.homeBranchId) || canSeeBranch(scope, member.hostBranchId);
}

export async function visibleBranches(store: Store, scope: AccessScope): Promise<Branch[]> {
  return (await store.branches.list()).filter((b) => canSeeBranch(scope, b.id));
}

/** Members in scope (optionally of one branch, which must itself be in scope), ordered by id. */
export async function visibleMembers(store: Store, scope: AccessScope, branchId?: number): Promise<Member[]> {
  if (branchId !== undefined) return canSeeBranch(scope, branchId) ? store.members.listByBranch(branchId) : [];
  if (scope.all) return store.members.list();
  const byId = new Map<number, Member>();
  for (const id of scope.branchIds) for (const m of await store.members.listByBranch(id)) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}
