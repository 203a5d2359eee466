import type { Submission, Task } from './model';
import type { Outbox } from './outbox';
import type { Store } from '../store/store';
import { privateTarget } from './members';
import { award, revoke } from './proof';

export type Verdict = 'approve' | 'reject';

export interface ReviewInput {
  task: Task;
  submission: Submission;
  verdict: Verdict;
  reason: string;
  actor: string;
  now: Date;
}

/**
 * A secretary's decision on a submission from the dashboard: status, points (booked once, or taken back with a
 * correcting entry), audit, and a 1:1 note to the member — the same steps as the chat commands 通过 / 驳回.
 */
export async function reviewSubmission(store: Store, outbox: Outbox, input: ReviewInput): Promise<number | undefined> {
  const { task, submission, verdict, reason, actor, now } = input;
  await store.submissions.setStatus(submission.id, verdict === 'approve' ? 'accepted' : 'rejected', reason || undefined, now);
  const delta = verdict === 'approve'
    ? await award(store, task, submission, actor, now)
    : await revoke(store, task, submission, actor, reason, now);
  await store.audit.record({ actor, action: `submission.${verdict}`, subject: `submission:${submission.id}`, detail: { reason, via: 'dashboard' } }, now);
  const target = await privateTarget(store, submission.memberId);
  const word = verdict === 'approve' ? '通过' : '驳回';
  const points = delta ? `，积分 ${delta > 0 ? '+' : ''}${delta}` : '';
  if (target) {
    await outbox.enqueue({
      target, idemKey: `dashboard-review:${submission.id}:${verdict}:${now.getTime()}`,
      text: `你在任务 #${task.id} 的提交 S${submission.id} 已审核${word}${reason ? `：${reason}` : ''}${points}。${verdict === 'reject' ? '可重新提交证明。' : ''}`,
    });
  }
  return delta;
}
