import type { LedgerEntry, Submission, Task } from '../model';
import type { Meeting } from '../meetings/meeting';
import type { LedgerInput, SettleState, Store } from '../store/store';
import { pointsFor } from './task-points';
import type { ServiceClaim, ServiceItem } from '../service/service-records';

export type Booking = Omit<LedgerEntry, 'id' | 'createdAt' | 'idemKey'>;

/**
 * A one-off decision (加分, 扣分, a bonus): the decision key is the idempotency key, so handling the same message
 * again books nothing. Returns the entry, or undefined when that decision was booked before.
 */
export function bookManual(
  store: Store,
  decisionKey: string,
  booking: Booking,
  now: Date,
): Promise<LedgerEntry | undefined> {
  return store.ledger.append({ ...booking, idemKey: decisionKey }, now);
}

/** Attending a meeting earns its points once per member, whoever signs in and however often. */
export function bookAttendance(
  store: Store,
  meeting: Meeting,
  memberId: number,
  actor: string,
  now: Date,
): Promise<LedgerEntry | undefined> {
  if (meeting.points <= 0) return Promise.resolve(undefined);
  return store.ledger.append(
    {
      memberId,
      delta: meeting.points,
      kind: 'meeting',
      branchId: meeting.branchId,
      actor,
      reason: `参加会议 M${meeting.id}《${meeting.title}》`,
      idemKey: `meeting:${meeting.id}:member:${memberId}`,
    },
    now,
  );
}

/**
 * What a submission is worth in its current state: accepted proof on a task that stands earns the task's (late)
 * points; anything else, including proof for a withdrawn task, 0.
 */
export function targetPoints(task: Task, submission: Pick<Submission, 'status' | 'late'>): number {
  return submission.status === 'accepted' && !task.withdrawnAt ? pointsFor(task, submission.late) : 0;
}

/** Each booking for a submission is keyed by its revision: the number of entries booked for it before. */
export const revisionKey = (submissionId: number, revision: number) => `submission:${submissionId}:rev:${revision}`;

const MAX_ROUNDS = 8;

export interface Settlement {
  actor: string;
  /** Why the amount changed, for correcting entries (a first booking reads 完成任务#n). */
  reason: string;
  now: Date;
}

/** What the next revision books so the ledger matches the submission's state, or undefined when it matches already. */
function nextRevision({ submission, task, booked }: SettleState, s: Settlement): LedgerInput | undefined {
  const delta = targetPoints(task, submission) - booked.sum;
  if (delta === 0) return undefined;
  const first = booked.count === 0 && delta > 0;
  return {
    memberId: submission.memberId,
    delta,
    kind: first ? 'task' : 'correction',
    taskId: task.id,
    submissionId: submission.id,
    branchId: task.branchId,
    actor: s.actor,
    reason: first ? `完成任务#${task.id}${submission.late ? '（逾期）' : ''}` : s.reason,
    idemKey: revisionKey(submission.id, booked.count),
  };
}

/**
 * Brings what a submission holds in the ledger to what its current state is worth, with one entry per revision.
 * The store reads the state and books in one step (one transaction where it can). Two decisions racing on one
 * revision collide on its key and the loser reads again; whichever decision comes last leaves the ledger matching
 * the final state. Returns the net change.
 */
export async function settleSubmission(store: Store, submissionId: number, s: Settlement): Promise<number | undefined> {
  let net = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const step = await store.ledger.settle(submissionId, (state) => nextRevision(state, s), s.now);
    net += step.entry?.delta ?? 0;
    if (step.settled) return net || undefined;
  }
  throw new Error(`the points of submission ${submissionId} did not settle after ${MAX_ROUNDS} rounds`);
}

/** The key of the 奉献 points a confirmed claim earns: one booking per claim, whoever confirms and however often. */
export const serviceKey = (claimId: number) => `service:${claimId}`;

/**
 * Books the 奉献 points of a confirmed claim on a 微心愿 or volunteer activity, counted in the item's branch.
 * Returns the entry, or undefined when this claim was booked before.
 */
export function bookService(
  store: Store,
  item: Pick<ServiceItem, 'id' | 'kind' | 'branchId' | 'points' | 'title'>,
  claim: Pick<ServiceClaim, 'id' | 'memberId'>,
  actor: string,
  now: Date,
): Promise<LedgerEntry | undefined> {
  const what = item.kind === 'wish' ? `完成微心愿 W${item.id}` : `参加志愿活动 A${item.id}`;
  return store.ledger.append(
    {
      memberId: claim.memberId,
      delta: item.points,
      kind: 'service',
      category: 'service',
      branchId: item.branchId,
      actor,
      reason: `${what}《${item.title}》`,
      idemKey: serviceKey(claim.id),
    },
    now,
  );
}
