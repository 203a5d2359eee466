import type { Review, ReviewAnswer, ReviewDraft, ReviewTally } from '../reviews/review';

export type ReviewOpen = Pick<Review, 'name' | 'branchIds' | 'closesAt' | 'createdBy' | 'questions'> & {
  sourceKey?: string;
};

/**
 * Satisfaction reviews. The choices are kept only as per-branch counts and the comments under random keys; the
 * voter marks hold a member and nothing else (no time, no order), so no query can join a member to an answer.
 */
export interface ReviewRepo {
  /** Opens a review; with a `sourceKey` seen before it returns that review and `created: false`. */
  open(input: ReviewOpen, now: Date): Promise<{ review: Review; created: boolean }>;
  get(id: number): Promise<Review | undefined>;
  /** Newest first. */
  list(): Promise<Review[]>;
  /**
   * Marks the member as having voted and adds the answer to `branchId`'s counts; false (and nothing changes) when
   * the member voted before. Also drops the member's dialogue draft. Of racing votes of one member exactly one counts.
   */
  vote(reviewId: number, memberId: number, branchId: number, answer: ReviewAnswer): Promise<boolean>;
  hasVoted(reviewId: number, memberId: number): Promise<boolean>;
  /** Members who voted (ascending ids), for reminders only. */
  voterIds(reviewId: number): Promise<number[]>;
  /** Per-branch counts (branches without an answer are absent). */
  tallies(reviewId: number): Promise<ReviewTally[]>;
  /** One draft per member (a new one replaces the old). */
  saveDraft(draft: ReviewDraft, now: Date): Promise<void>;
  getDraft(memberId: number): Promise<ReviewDraft | undefined>;
  dropDraft(memberId: number): Promise<void>;
}
