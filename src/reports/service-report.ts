/** What the dashboard and Excel read about 奉献: each item with its places and claims, and who did what. */
import type { AccessScope } from '../access/access-scope';
import type { Member } from '../model';
import { holdsPlace, type ServiceClaim, type ServiceItem, type ServiceKind } from '../service/service-records';
import type { Store } from '../store/store';

export interface ServiceRow {
  item: ServiceItem;
  /** Places held (claims not cancelled). */
  held: number;
  completed: number;
  confirmed: number;
  /** 奉献 points booked for it: confirmed claims × its points. */
  points: number;
}

export interface ClaimRow {
  claim: ServiceClaim;
  member?: Member;
}

/** Items of the branches in scope (one branch when `branchId` is given), newest first, with their counts. */
export async function serviceRows(
  store: Store,
  scope: AccessScope,
  opts: { branchId?: number; kind?: ServiceKind } = {},
): Promise<ServiceRow[]> {
  const branchIds = opts.branchId !== undefined ? [opts.branchId] : scope.all ? undefined : [...scope.branchIds];
  const items = await store.service.list({ branchIds, kind: opts.kind });
  const rows: ServiceRow[] = [];
  for (const item of items) {
    const claims = await store.service.listClaims(item.id);
    const confirmed = claims.filter((c) => c.status === 'confirmed').length;
    rows.push({
      item,
      held: claims.filter(holdsPlace).length,
      completed: claims.filter((c) => c.status === 'completed' || c.status === 'confirmed').length,
      confirmed,
      points: confirmed * item.points,
    });
  }
  return rows;
}

/** Every claim of an item with the member who made it, in claim order. */
export async function claimRows(store: Store, itemId: number): Promise<ClaimRow[]> {
  const rows: ClaimRow[] = [];
  for (const claim of await store.service.listClaims(itemId))
    rows.push({ claim, member: await store.members.get(claim.memberId) });
  return rows;
}
