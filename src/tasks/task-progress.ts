import type { Member, Submission, Task } from '../model';
import type { Store } from '../store/store';

export interface TaskProgress {
  members: Member[];
  submissions: Map<number, Submission>;
  /** Active members with a submission that was not rejected. */
  done: Member[];
  missing: Member[];
}

/** Who in the task's branch has handed in proof and who has not (a rejected submission counts as not). */
export async function taskProgress(store: Store, task: Task): Promise<TaskProgress> {
  const members = await store.members.listByBranch(task.branchId, { status: 'active' });
  const submissions = new Map((await store.submissions.listByTask(task.id)).map((s) => [s.memberId, s]));
  const counts = (m: Member) => submissions.has(m.id) && submissions.get(m.id)!.status !== 'rejected';
  return { members, submissions, done: members.filter(counts), missing: members.filter((m) => !counts(m)) };
}
