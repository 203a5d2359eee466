import type { Branch, Task } from '../model';
import type { Store } from '../store/store';
import { taskProgress, type TaskProgress } from '../tasks/task-progress';

export interface TaskSummary {
  task: Task;
  progress: TaskProgress;
  expected: number;
  done: number;
  late: number;
  flagged: number;
  /** done / expected, 0–1 (1 when nobody is expected). */
  rate: number;
}

export interface BranchCompletion {
  branch: Branch;
  tasks: number;
  expected: number;
  done: number;
  rate: number;
}

/** Completion of each task, counted the way 统计 counts it (active members of the task's branch). */
export async function taskSummaries(store: Store, tasks: Task[]): Promise<TaskSummary[]> {
  const out: TaskSummary[] = [];
  for (const task of tasks) {
    const progress = await taskProgress(store, task);
    const doneSubs = progress.done.map((m) => progress.submissions.get(m.id)!);
    const expected = progress.members.length;
    out.push({
      task,
      progress,
      expected,
      done: progress.done.length,
      late: doneSubs.filter((s) => s.late).length,
      flagged: doneSubs.filter((s) => s.status === 'flagged').length,
      rate: expected ? progress.done.length / expected : 1,
    });
  }
  return out;
}

/** Totals per branch over its tasks: the share of expected submissions that came in. */
export function branchCompletion(summaries: TaskSummary[], branches: Branch[]): BranchCompletion[] {
  return branches
    .map((branch) => {
      const mine = summaries.filter((s) => s.task.branchId === branch.id);
      const expected = mine.reduce((n, s) => n + s.expected, 0);
      const done = mine.reduce((n, s) => n + s.done, 0);
      return { branch, tasks: mine.length, expected, done, rate: expected ? done / expected : 0 };
    })
    .filter((b) => b.tasks > 0);
}
