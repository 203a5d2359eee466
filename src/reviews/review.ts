/**
 * Satisfaction reviews (满意度测评): what a review asks and what one answer holds. An answer carries no member, no
 * time and no sequence number — who voted is kept apart (the voter marks) only so nobody votes twice.
 */
export type Overall = 'very' | 'satisfied' | 'basic' | 'unsatisfied';

/**
 * A question the county admin added: a choice among numbered options, or an optional text (its answers are the
 * review's comments). The two measured questions (认识 and 总体满意) are always asked before them.
 */
export type ReviewQuestion = { kind: 'choice'; title: string; options: string[] } | { kind: 'text'; title: string };

export interface Review {
  id: number;
  name: string;
  /** The branches whose members answer (never empty). */
  branchIds: number[];
  /** Answers are taken until this instant. */
  closesAt: string;
  createdBy: string;
  createdAt: string;
  sourceKey?: string;
  /** The admin's own questions; absent: the default optional comment question. */
  questions?: ReviewQuestion[];
}

/** Question index (into `Review.questions`) → the option picked (0-based). */
export type CustomChoices = Record<number, number>;

export interface ReviewAnswer {
  knows: boolean;
  overall: Overall;
  /** Verbatim, absent when the member skipped it. */
  comment?: string;
  /** The options picked on the admin's choice questions. */
  choices?: CustomChoices;
}

/** One branch's running count of answers: the only form in which the choices are kept. */
export interface ReviewTally {
  reviewId: number;
  branchId: number;
  answers: number;
  knowYes: number;
  knowNo: number;
  overall: Record<Overall, number>;
  /** Counts of the admin's choice questions by `q<question>:<option>`; absent when none was answered. */
  choices?: Record<string, number>;
  /** Comments in the order of a random key each got, so their order says nothing about who wrote when. */
  comments: string[];
}

export type ReviewStep = 'knows' | 'overall' | 'comment' | `q${number}`;

/** Where a member stopped in the 1:1 dialogue; removed when the vote is cast. */
export interface ReviewDraft {
  memberId: number;
  reviewId: number;
  /** `q<n>`: the admin's question n. */
  step: ReviewStep;
  knows?: boolean;
  overall?: Overall;
  choices?: CustomChoices;
  /** The dedupe key of the message that moved the dialogue here (a re-handled message must not move it again). */
  sourceKey?: string;
  /** When the member last answered (read back from the store; a stale draft is dropped). */
  updatedAt?: string;
}

export const OVERALL_LABELS: Record<Overall, string> = {
  very: '非常满意',
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
};
export const OVERALL_ORDER: Overall[] = ['very', 'satisfied', 'basic', 'unsatisfied'];
export const KNOW_LABELS = { yes: '认识', no: '不认识' } as const;

export const QUESTIONS = {
  knows: '认识你所在党支部的书记吗？',
  overall: '你对支部（书记）的工作总体满意吗？',
  comment: '有什么意见或建议？（可选）',
} as const;

/** The county's lines: every member knows the secretary; at least 98 % recognise the work. */
export const KNOW_LINE = 1;
export const APPROVAL_LINE = 0.98;
/** Below this many answers a branch shows no breakdown: a handful of answers could be told apart. */
export const MIN_ANSWERS_SHOWN = 5;
/** The longest comment kept (characters). */
export const COMMENT_MAX = 500;

export const reviewCode = (id: number) => `C${id}`;
