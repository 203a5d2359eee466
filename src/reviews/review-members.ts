import type { Member } from '../model';
import type { Store } from '../store/store';
import type { Review } from './review';
import { reviewBranchOf } from './review-branch';

/** The active members who answer this review (each once, whatever branches they are in), by ascending id. */
export async function reviewMembers(store: Store, review: Review): Promise<Member[]> {
  const byId = new Map<number, Member>();
  for (const branchId of review.branchIds)
    for (const m of await store.members.listByBranch(branchId, { status: 'active' }))
      if (reviewBranchOf(m, review) !== undefined) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** Open reviews this member answers, oldest closing first. */
export async function openReviewsFor(store: Store, member: Member, now: Date): Promise<Review[]> {
  return (await store.reviews.list())
    .filter((r) => now.getTime() < Date.parse(r.closesAt) && reviewBranchOf(member, r) !== undefined)
    .sort((a, b) => Date.parse(a.closesAt) - Date.parse(b.closesAt));
}
