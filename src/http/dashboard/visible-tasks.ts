import { canSeeBranch } from '../../access/access-scope';
import type { Task } from '../../model';
import type { Store } from '../../store/store';
import type { BranchChoice } from './branch-filter';
import type { Viewer } from './viewer';

/** Tasks of the branches in scope (or of the one chosen branch), newest first. */
export async function visibleTasks(store: Store, choice: BranchChoice): Promise<Task[]> {
  const ids = choice.selected ? [choice.selected.id] : choice.branches.map((b) => b.id);
  return store.tasks.listByBranches(ids);
}

/** A task by the id in a URL, only if it belongs to a branch in scope. */
export async function visibleTask(store: Store, viewer: Viewer, raw: string): Promise<Task | undefined> {
  const task = /^\d{1,9}$/.test(raw) ? await store.tasks.get(Number(raw)) : undefined;
  return task && canSeeBranch(viewer.scope, task.branchId) ? task : undefined;
}
