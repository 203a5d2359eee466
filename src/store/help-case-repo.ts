import type { Category } from '../answers/kb/category';
import type { HelpCase, HelpCaseEvent, HelpCaseStatus } from '../help-cases/help-case';

export type HelpCaseOpen = Pick<HelpCase, 'memberId' | 'category' | 'content' | 'platform' | 'sourceKey'> &
  Partial<Pick<HelpCase, 'homeBranchId' | 'hostBranchId' | 'assigneeId'>>;

export type HelpCasePatch = Partial<
  Pick<HelpCase, 'category' | 'status' | 'assigneeId' | 'result' | 'rating' | 'firstReplyAt' | 'closedAt' | 'ratedAt'>
>;

export interface HelpCaseFilter {
  /** Cases whose home or host branch is one of these, or that `assigneeId` follows (either matches). */
  branchIds?: number[];
  assigneeId?: number;
  memberId?: number;
  statuses?: HelpCaseStatus[];
  limit?: number;
}

export interface HelpCaseCount {
  category: Category;
  status: HelpCaseStatus;
  count: number;
}

/** Help cases (求助). Every write a platform retry or a job re-run could repeat is idempotent. */
export interface HelpCaseRepo {
  /** Opens a case; with a `sourceKey` seen before it returns that case and `created: false`. */
  open(input: HelpCaseOpen, now: Date): Promise<{ helpCase: HelpCase; created: boolean }>;
  get(id: number): Promise<HelpCase | undefined>;
  /** Newest first. Without branchIds/assigneeId, all cases (admins); filters combine with AND. */
  list(filter?: HelpCaseFilter): Promise<HelpCase[]>;
  /** Changes the given fields (undefined leaves a field alone) and `updatedAt`; throws for an unknown id. */
  update(id: number, patch: HelpCasePatch, now: Date): Promise<HelpCase>;
  /** Cases still `open` (no reply) created before `before` and never escalated, oldest first. */
  listUnanswered(before: Date): Promise<HelpCase[]>;
  /** Sets `escalatedAt` once; false when it was already set (another instance or an earlier run did it). */
  markEscalated(id: number, now: Date): Promise<boolean>;
  /** Appends to the history unless `idemKey` was recorded before (then undefined). */
  addEvent(event: Omit<HelpCaseEvent, 'id' | 'createdAt'>, now: Date): Promise<HelpCaseEvent | undefined>;
  listEvents(caseId: number): Promise<HelpCaseEvent[]>;
  /** Case counts by category and status, for the dashboard. */
  counts(): Promise<HelpCaseCount[]>;
}
