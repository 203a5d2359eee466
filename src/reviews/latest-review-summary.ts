import { reviewFigures, type BranchReviewFigures } from '../reports/review-figures';
import type { Store } from '../store/store';
import { isReviewOpen } from './review-branch';

export interface LatestReviewSummary {
  reviewId: number;
  name: string;
  closesAt: string;
  open: boolean;
  /** The branch's figures; the breakdown is absent while the review is open or below five answers. */
  figures: BranchReviewFigures;
}

/** The figures of the newest review that covers this branch, for the branch's 群众满意度 page; undefined if none. */
export async function latestReviewSummary(
  store: Store,
  branchId: number,
  now: Date = new Date(),
): Promise<LatestReviewSummary | undefined> {
  const review = (await store.reviews.list()).find((r) => r.branchIds.includes(branchId));
  const branch = await store.branches.get(branchId);
  if (!review || !branch) return undefined;
  const [figures] = await reviewFigures(store, review, [branch], now);
  return {
    reviewId: review.id,
    name: review.name,
    closesAt: review.closesAt,
    open: isReviewOpen(review, now),
    figures,
  };
}
