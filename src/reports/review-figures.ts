import type { Branch } from '../model';
import { groupComments, type CommentGroup } from '../reviews/group-comments';
import {
  APPROVAL_LINE,
  KNOW_LINE,
  MIN_ANSWERS_SHOWN,
  type Overall,
  type Review,
  type ReviewTally,
} from '../reviews/review';
import { choiceQuestions } from '../reviews/review-questions';
import { isReviewOpen, reviewBranchOf } from '../reviews/review-branch';
import type { Store } from '../store/store';

/** Why a branch shows only its response rate. */
export type HiddenReason = 'open' | 'few';

export interface BranchReviewFigures {
  branchId: number;
  branchName: string;
  /** Active members whose answer would count for this branch. */
  eligible: number;
  answers: number;
  responseRate: number | undefined;
  /** Set when the breakdown is withheld; then every figure below is absent. */
  hidden?: HiddenReason;
  knowRate?: number;
  /** 认可率: 非常满意 + 满意 + 基本满意 over all answers. */
  approvalRate?: number;
  meetsKnowLine?: boolean;
  meetsApprovalLine?: boolean;
  knowYes?: number;
  knowNo?: number;
  overall?: Record<Overall, number>;
  commentGroups?: CommentGroup[];
  /** Per-option counts of the admin's choice questions, in question order. */
  questions?: QuestionFigures[];
}

export interface QuestionFigures {
  /** Index into the review's questions (stable across branches, charts and exports). */
  index: number;
  title: string;
  options: Array<{ label: string; count: number }>;
}

/** Counts of each option of each admin's choice question (zero for an option nobody picked). */
function questionFigures(review: Review, t: ReviewTally): QuestionFigures[] {
  return choiceQuestions(review).map((q) => ({
    index: q.index,
    title: q.title,
    options: q.options.map((label, i) => ({ label, count: t.choices?.[`q${q.index}:${i}`] ?? 0 })),
  }));
}

const ratio = (n: number, d: number) => (d > 0 ? n / d : undefined);

/** `83.3%` (one decimal, trailing .0 dropped), or — when there is nothing to divide. */
export function formatRate(rate: number | undefined): string {
  if (rate === undefined) return '—';
  return `${Math.round(rate * 1000) / 10}%`;
}

async function eligibleCount(store: Store, review: Review, branchId: number): Promise<number> {
  const members = await store.members.listByBranch(branchId, { status: 'active' });
  return members.filter((m) => reviewBranchOf(m, review) === branchId).length;
}

/**
 * One review's figures for the given branches (those of the review the viewer may see). The breakdown is withheld
 * while the review is open (watching the counts move after one known member answered would reveal that answer)
 * and for a branch with fewer than MIN_ANSWERS_SHOWN answers.
 */
export async function reviewFigures(
  store: Store,
  review: Review,
  branches: Branch[],
  now: Date,
): Promise<BranchReviewFigures[]> {
  const tallies = new Map((await store.reviews.tallies(review.id)).map((t) => [t.branchId, t]));
  const open = isReviewOpen(review, now);
  const out: BranchReviewFigures[] = [];
  for (const b of branches.filter((x) => review.branchIds.includes(x.id))) {
    const t = tallies.get(b.id);
    const answers = t?.answers ?? 0;
    const eligible = await eligibleCount(store, review, b.id);
    const base = { branchId: b.id, branchName: b.name, eligible, answers, responseRate: ratio(answers, eligible) };
    const hidden: HiddenReason | undefined = open ? 'open' : answers < MIN_ANSWERS_SHOWN ? 'few' : undefined;
    if (hidden || !t) {
      out.push({ ...base, hidden: hidden ?? 'few' });
      continue;
    }
    const approved = t.overall.very + t.overall.satisfied + t.overall.basic;
    const knowRate = t.knowYes / answers;
    const approvalRate = approved / answers;
    out.push({
      ...base,
      knowRate,
      approvalRate,
      meetsKnowLine: knowRate >= KNOW_LINE,
      meetsApprovalLine: approvalRate >= APPROVAL_LINE,
      knowYes: t.knowYes,
      knowNo: t.knowNo,
      overall: { ...t.overall },
      commentGroups: groupComments(t.comments),
      questions: questionFigures(review, t),
    });
  }
  return out;
}
