import type { Platform } from '../bot/incoming-message';
import { CATEGORY_LABELS, type Category } from '../answers/kb/category';

export type OpinionKind = 'opinion' | 'suggestion';
/** received → answered → closed (销号) or referred (上报 to the township committee); a dispute reopens to answered. */
export type OpinionStatus = 'received' | 'answered' | 'closed' | 'referred';
/** The help-case areas, plus the branch's own work (meetings, study, dues), which opinions are often about. */
export type OpinionCategory = Category | 'branch-work';
export type BranchSide = 'home' | 'host';

/**
 * A member's 意见 or 建议. An anonymous one carries no member id: who sent it lives only in the sender link
 * (`OpinionRepo.senderOf`), which no secretary-facing page, export or list reads.
 */
export interface Opinion {
  id: number;
  kind: OpinionKind;
  category: OpinionCategory;
  content: string;
  anonymous: boolean;
  /** The sender, for named opinions only. */
  memberId?: number;
  /** The branch that answers for it (the member's home or host branch). */
  branchId: number;
  branchSide: BranchSide;
  status: OpinionStatus;
  answer?: string;
  result?: string;
  referReason?: string;
  /** How many times the member disputed a closure (at most one reopening). */
  disputes: number;
  disputeReason?: string;
  answeredAt?: string;
  closedAt?: string;
  confirmedAt?: string;
  referredAt?: string;
  /** Overdue stages, each set once: listed in the secretaries' weekly digest, then sent to the county admins. */
  digestedAt?: string;
  adminNotifiedAt?: string;
  platform: Platform;
  /** Unique per opening message (hashed for anonymous opinions, so it cannot be matched to the message log). */
  sourceKey: string;
  createdAt: string;
  updatedAt: string;
}

/** Who sent an opinion: read only to tell them about it and to let them confirm or dispute it. */
export interface OpinionSender {
  opinionId: number;
  memberId: number;
  platform: Platform;
}

export type OpinionEventKind = 'open' | 'answer' | 'close' | 'refer' | 'confirm' | 'dispute';

/** The append-only history. A member's own steps on an anonymous opinion carry the actor `anonymous`. */
export interface OpinionEvent {
  id: number;
  opinionId: number;
  kind: OpinionEventKind;
  actor: string;
  text?: string;
  idemKey: string;
  createdAt: string;
}

export const KIND_LABELS: Record<OpinionKind, string> = { opinion: '意见', suggestion: '建议' };
export const OPINION_STATUS_LABELS: Record<OpinionStatus, string> = {
  received: '已受理',
  answered: '已答复',
  closed: '已销号',
  referred: '已上报乡镇党委',
};
export const OPINION_CATEGORY_LABELS: Record<OpinionCategory, string> = {
  ...CATEGORY_LABELS,
  'branch-work': '支部工作',
};
export const SIDE_LABELS: Record<BranchSide, string> = { home: '流出地', host: '流入地' };

/** Still waiting for the branch: not closed and not handed up. */
export const OPEN_STATUSES: OpinionStatus[] = ['received', 'answered'];

export function opinionCode(id: number): string {
  return `Y${id}`;
}

/** `Y12`, `y12`, `12` → 12. */
export function parseOpinionCode(text: string): number | undefined {
  const m = /^[Yy]?(\d{1,9})$/.exec(text.trim());
  return m ? Number(m[1]) : undefined;
}
