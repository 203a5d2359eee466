import type { ChatType, Platform } from '../bot/incoming-message';
import type { MemberFields } from '../model';

export type PendingCheckInStatus = 'pending' | 'confirmed' | 'rejected';

/**
 * A check-in whose name matches a member the sender is not bound to. Nothing is bound until a secretary decides
 * (or the sender proves the identity with a binding code); `candidateIds` are the same-named members at the time.
 */
export interface PendingCheckIn {
  id: number;
  platform: Platform;
  userId: string;
  displayName?: string;
  chatId: string;
  chatType: ChatType;
  branchId: number;
  name: string;
  /** What the sender wrote after 报到, verbatim. */
  text: string;
  fields: Partial<MemberFields>;
  candidateIds: number[];
  status: PendingCheckInStatus;
  /** The member the sender was bound to when confirmed. */
  memberId?: number;
  decidedBy?: string;
  /** Dedupe key of the message that decided it. */
  decisionKey?: string;
  /** Dedupe key of the 报到 message: one pending check-in per message. */
  sourceKey: string;
  createdAt: string;
  decidedAt?: string;
}

export type PendingCheckInOpen = Omit<
  PendingCheckIn,
  'id' | 'status' | 'memberId' | 'decidedBy' | 'decisionKey' | 'createdAt' | 'decidedAt'
>;

export interface PendingCheckInDecision {
  status: Exclude<PendingCheckInStatus, 'pending'>;
  decidedBy: string;
  decisionKey: string;
  memberId?: number;
}

/** A one-time code that lets a member bind another platform account. Only a keyed hash of the code is kept. */
export interface BindingCode {
  id: number;
  codeHash: string;
  memberId: number;
  /** Identity key that asked for it. */
  issuedTo: string;
  sourceKey: string;
  expiresAt: string;
  usedBy?: string;
  usedAt?: string;
  createdAt: string;
}

export type BindingCodeIssue = Pick<BindingCode, 'codeHash' | 'memberId' | 'issuedTo' | 'sourceKey' | 'expiresAt'>;

/** Proofs of identity: pending check-ins a secretary decides, and one-time binding codes. */
export interface IdentityProofRepo {
  /**
   * Opens a pending check-in; with a `sourceKey` seen before, or while the same account still has one pending at the
   * same branch, it returns that one and `created: false` (repeating 报到 does not pile up notices).
   */
  openPending(input: PendingCheckInOpen, now: Date): Promise<{ pending: PendingCheckIn; created: boolean }>;
  getPending(id: number): Promise<PendingCheckIn | undefined>;
  /** Decides a pending check-in once: undefined when it was no longer pending (another secretary was first). */
  decidePending(id: number, decision: PendingCheckInDecision, now: Date): Promise<PendingCheckIn | undefined>;
  /** Stores a code; with a `sourceKey` seen before it returns that one and `created: false`. */
  issueCode(input: BindingCodeIssue, now: Date): Promise<{ code: BindingCode; created: boolean }>;
  /** Spends an unused, unexpired code atomically; undefined when there is none (wrong, used or expired). */
  useCode(codeHash: string, usedBy: string, now: Date): Promise<BindingCode | undefined>;
}
