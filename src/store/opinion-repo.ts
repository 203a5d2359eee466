import type { Opinion, OpinionEvent, OpinionSender, OpinionStatus } from '../opinions/opinion';

export type OpinionOpen = Pick<
  Opinion,
  'kind' | 'category' | 'content' | 'anonymous' | 'branchId' | 'branchSide' | 'platform' | 'sourceKey'
>;

export type OpinionPatch = Partial<
  Pick<
    Opinion,
    | 'status'
    | 'answer'
    | 'result'
    | 'referReason'
    | 'disputes'
    | 'disputeReason'
    | 'answeredAt'
    | 'closedAt'
    | 'confirmedAt'
    | 'referredAt'
  >
>;

/** What must still hold for a change to apply: the status is one of these (and the dispute count, when given). */
export interface OpinionGuard {
  statuses: OpinionStatus[];
  disputes?: number;
}

export interface OpinionFilter {
  /** Opinions that these branches answer for (an empty list matches nothing). */
  branchIds?: number[];
  statuses?: OpinionStatus[];
  /** Created before this time. */
  before?: Date;
  limit?: number;
}

export type OpinionStage = 'digestedAt' | 'adminNotifiedAt';

/**
 * Opinions and suggestions (意见建议). The sender link is kept apart from the opinion: `get`/`list` never return who
 * sent an anonymous one; only `senderOf` and `listBySender` (the member's own commands and their notices) read it.
 */
export interface OpinionRepo {
  /** Opens an opinion and records its sender; with a `sourceKey` seen before it returns that one, `created: false`. */
  open(
    input: OpinionOpen,
    sender: Omit<OpinionSender, 'opinionId'>,
    now: Date,
  ): Promise<{ opinion: Opinion; created: boolean }>;
  get(id: number): Promise<Opinion | undefined>;
  /** Newest first. */
  list(filter?: OpinionFilter): Promise<Opinion[]>;
  /** Applies `patch` (and `updatedAt`) only while `guard` holds; undefined (and nothing changed) otherwise. */
  transition(id: number, guard: OpinionGuard, patch: OpinionPatch, now: Date): Promise<Opinion | undefined>;
  /** Sets an overdue stage once; false when it was set before (an earlier run or another instance did it). */
  markStage(id: number, stage: OpinionStage, now: Date): Promise<boolean>;
  senderOf(id: number): Promise<OpinionSender | undefined>;
  /** The member's own opinions, anonymous ones included, newest first. */
  listBySender(memberId: number): Promise<Opinion[]>;
  /** Appends to the history unless `idemKey` was recorded before (then undefined). */
  addEvent(event: Omit<OpinionEvent, 'id' | 'createdAt'>, now: Date): Promise<OpinionEvent | undefined>;
  listEvents(opinionId: number): Promise<OpinionEvent[]>;
}
