import type { Member } from '../model';
import type { Store } from '../store/store';
import { COMMENT_MAX, reviewCode, type Review, type ReviewAnswer } from './review';
import { isReviewOpen, reviewBranchOf } from './review-branch';

export type VoteRefusal = 'closed' | 'not-eligible' | 'voted' | 'inactive';

/** Why a vote is not taken, in the words the member reads (chat and answer page alike). */
export function refusalText(reason: VoteRefusal, review: Review): string {
  const name = `测评 ${reviewCode(review.id)}「${review.name}」`;
  return {
    closed: `${name}已经截止，不再接收答卷。`,
    'not-eligible': `${name}不包括你所在的党支部，无需作答。`,
    voted: `你已经参加过${name}，每人只能答一次，答卷不能修改。`,
    inactive: `你的党员状态不是“在册”，不参加${name}。`,
  }[reason];
}

/** Whether this member may answer this review now (before the dialogue starts or the page shows its form). */
export async function voteRefusal(
  store: Store,
  review: Review,
  member: Member,
  now: Date,
): Promise<VoteRefusal | undefined> {
  if (!isReviewOpen(review, now)) return 'closed';
  if (member.status !== 'active') return 'inactive';
  if (reviewBranchOf(member, review) === undefined) return 'not-eligible';
  if (await store.reviews.hasVoted(review.id, member.id)) return 'voted';
  return undefined;
}

/** Records one answer (anonymously: only the branch's counts change) or says why it was not taken. */
export async function castVote(
  store: Store,
  review: Review,
  member: Member,
  answer: ReviewAnswer,
  now: Date,
): Promise<{ ok: true } | { ok: false; reason: VoteRefusal }> {
  const refusal = await voteRefusal(store, review, member, now);
  if (refusal) return { ok: false, reason: refusal };
  const comment = answer.comment?.trim() ? [...answer.comment.trim()].slice(0, COMMENT_MAX).join('') : undefined;
  const counted = await store.reviews.vote(review.id, member.id, reviewBranchOf(member, review)!, {
    knows: answer.knows,
    overall: answer.overall,
    ...(comment === undefined ? {} : { comment }),
    ...(answer.choices === undefined ? {} : { choices: answer.choices }),
  });
  return counted ? { ok: true } : { ok: false, reason: 'voted' };
}
