import type { Member } from '../model';
import type { Review } from './review';

/**
 * The branch a member's answer counts for: the home branch when the review covers it (the county's own cadres are
 * being judged), else the host branch. Undefined when the review covers neither.
 */
export function reviewBranchOf(member: Member, review: Pick<Review, 'branchIds'>): number | undefined {
  for (const id of [member.homeBranchId, member.hostBranchId])
    if (id !== undefined && review.branchIds.includes(id)) return id;
  return undefined;
}

export const isReviewOpen = (review: Pick<Review, 'closesAt'>, now: Date) =>
  now.getTime() < Date.parse(review.closesAt);
