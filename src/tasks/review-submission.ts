import type { Submission, Task } from '../model';
import type { SendTarget } from '../outbox/outbox-types';
import type { Store } from '../store/store';
import { privateTarget } from '../members/members';
import { settleSubmission } from '../points/ledger';

export type Verdict = 'approve' | 'reject';

export const VERDICT_WORDS: Record<Verdict, '通过' | '驳回'> = { approve: '通过', reject: '驳回' };

export interface ReviewInput {
  task: Task;
  submission: Submission;
  verdict: Verdict;
  reason: string;
  actor: string;
  now: Date;
  /** Where the decision was taken, for the audit log ('chat' or 'dashboard'). */
  via: 'chat' | 'dashboard';
}

export interface ReviewOutcome {
  /** Points booked (positive) or taken back (negative) by this decision; undefined when nothing changed. */
  delta?: number;
  /** The 1:1 note for the member; the caller sends it through its own idempotent path. */
  notice?: { target: SendTarget; text: string };
}

/**
 * A secretary's decision on a submission (chat 通过/驳回 or the dashboard): status, points (settled to what the new
 * state is worth with a correcting entry — the ledger is never edited), audit, and the note to tell the member.
 */
export async function reviewSubmission(store: Store, input: ReviewInput): Promise<ReviewOutcome> {
  const { task, submission, verdict, reason, actor, now } = input;
  await store.submissions.setStatus(
    submission.id,
    verdict === 'approve' ? 'accepted' : 'rejected',
    reason || undefined,
    now,
  );
  const delta = await settleSubmission(store, submission.id, {
    actor,
    now,
    reason: verdict === 'approve' ? `任务#${task.id} 审核通过（更正）` : `任务#${task.id} 审核驳回：${reason}`,
  });
  await store.audit.record(
    {
      actor,
      action: `submission.${verdict}`,
      subject: `submission:${submission.id}`,
      detail: { reason, via: input.via },
    },
    now,
  );
  const target = await privateTarget(store, submission.memberId);
  const points = pointsText(delta);
  const text = `你在任务 #${task.id} 的提交 S${submission.id} 已审核${VERDICT_WORDS[verdict]}${reason ? `：${reason}` : ''}${points}。${verdict === 'reject' ? '可重新提交证明。' : ''}`;
  return { delta, notice: target && { target, text } };
}

export function pointsText(delta: number | undefined): string {
  return delta ? `，积分 ${delta > 0 ? '+' : ''}${delta}` : '';
}
