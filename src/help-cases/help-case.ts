import type { Platform } from '../bot/incoming-message';
import type { Category } from '../answers/kb/category';

/** open = waiting for a first reply; replied = a secretary answered; closed = 结案 with a result. */
export type HelpCaseStatus = 'open' | 'replied' | 'closed';
export type HelpRating = 'satisfied' | 'unsatisfied';

/** A member's 求助 that a secretary follows to the end. Its text is personal: it never appears in a group chat. */
export interface HelpCase {
  id: number;
  memberId: number;
  category: Category;
  content: string;
  status: HelpCaseStatus;
  /** The member's branches when the case was opened: host = assigned, home = kept informed. */
  homeBranchId?: number;
  hostBranchId?: number;
  /** Member id of whoever follows the case now (a secretary, after 转交 possibly another). */
  assigneeId?: number;
  /** Where the member asked, to answer on the same platform. */
  platform: Platform;
  /** Dedupe key of the message that opened the case: a re-run of that message finds the same case. */
  sourceKey: string;
  result?: string;
  rating?: HelpRating;
  firstReplyAt?: string;
  escalatedAt?: string;
  closedAt?: string;
  ratedAt?: string;
  createdAt: string;
  updatedAt: string;
}

export type HelpCaseEventKind = 'open' | 'reply' | 'note' | 'transfer' | 'category' | 'close' | 'rate' | 'escalate';

/** The case history, append-only: who did what, with the text relayed. */
export interface HelpCaseEvent {
  id: number;
  caseId: number;
  kind: HelpCaseEventKind;
  /** Identity key (`platform:userId`) or `job:<name>`. */
  actor: string;
  text?: string;
  /** Unique: a retried message or job run never records the same step twice. */
  idemKey: string;
  createdAt: string;
}

export const STATUS_LABELS: Record<HelpCaseStatus, string> = { open: '待回复', replied: '已回复', closed: '已结案' };
export const RATING_LABELS: Record<HelpRating, string> = { satisfied: '满意', unsatisfied: '不满意' };

export function caseCode(id: number): string {
  return `H${id}`;
}

/** `H12`, `h12`, `12` → 12. */
export function parseCaseCode(text: string): number | undefined {
  const m = /^[Hh]?(\d{1,9})$/.exec(text.trim());
  return m ? Number(m[1]) : undefined;
}
