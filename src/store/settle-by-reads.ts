import type { LedgerRepo, SubmissionRepo, TaskRepo } from './store';

interface SettleReads {
  submissions: Pick<SubmissionRepo, 'get'>;
  tasks: Pick<TaskRepo, 'get'>;
  listBySubmission: LedgerRepo['listBySubmission'];
  append: LedgerRepo['append'];
}

/**
 * `settle` for an adapter without a transaction around the reads and the booking (MongoDB): it reads, then appends
 * keyed. A decision racing on the same revision collides on its key, so a booking does not prove the ledger matches
 * the state: only a step with nothing to book is `settled`, and the caller reads again after each booking.
 */
export function settleByReads(r: SettleReads): LedgerRepo['settle'] {
  return async (submissionId, decide, now) => {
    const submission = await r.submissions.get(submissionId);
    const task = submission && (await r.tasks.get(submission.taskId));
    if (!submission || !task) throw new Error(`no submission ${submissionId} to settle`);
    const booked = await r.listBySubmission(submissionId);
    const sum = booked.reduce((total, e) => total + e.delta, 0);
    const input = decide({ submission, task, booked: { count: booked.length, sum } });
    if (!input) return { settled: true };
    return { entry: await r.append(input, now), settled: false };
  };
}
