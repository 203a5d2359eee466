import type { Task } from '../model';

/** Rounds the late rule: half points round down, never below zero. */
export function pointsFor(task: Pick<Task, 'points' | 'lateRule'>, late: boolean): number {
  if (!late || task.lateRule === 'full') return task.points;
  return task.lateRule === 'half' ? Math.floor(task.points / 2) : 0;
}
