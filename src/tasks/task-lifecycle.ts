/**
 * Corrections to a published task and what they do to points. The ledger is never edited: each submission's holding
 * is settled to what its state is now worth (a withdrawn task's proof is worth nothing, a changed 分值 its new
 * amount), through the same revision-keyed bookings as review, so handling a command twice books nothing new.
 */
import type { Task } from '../model';
import type { Store } from '../store/store';
import { settleSubmission } from '../points/ledger';

/** Settles every submission of the task; returns how many members' points changed and the net change. */
async function settleTask(
  store: Store,
  task: Task,
  actor: string,
  reason: string,
  now: Date,
): Promise<{ members: number; points: number }> {
  let members = 0;
  let points = 0;
  for (const s of await store.submissions.listByTask(task.id)) {
    const net = await settleSubmission(store, s.id, { actor, reason, now });
    if (net) {
      members++;
      points += net;
    }
  }
  return { members, points };
}

/** Takes back every point the task's submissions hold; returns how many members and points were reversed. */
export async function reverseTaskPoints(
  store: Store,
  task: Task,
  actor: string,
  now: Date,
): Promise<{ members: number; points: number }> {
  const { members, points } = await settleTask(store, task, actor, `任务#${task.id} 已撤销`, now);
  return { members, points: -points };
}

/** After a change of 分值, books the difference for every accepted submission; returns how many members changed. */
export async function rebookTaskPoints(store: Store, task: Task, actor: string, now: Date): Promise<number> {
  return (await settleTask(store, task, actor, `任务#${task.id} 分值改为 ${task.points} 分`, now)).members;
}
