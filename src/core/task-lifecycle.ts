/**
 * Corrections to a published task and what they do to points. The ledger is never edited: withdrawing a task books
 * an entry that takes back what its submissions earned, and changing its 分值 books the difference — each with an
 * idempotency key of its own decision, so handling the same command twice books nothing new.
 */
import type { LedgerEntry, Task } from './model';
import type { Store } from '../store/store';
import { pointsFor } from './task-spec';

/** Net points each member holds from this task (what was booked, less what was taken back). */
async function heldPoints(store: Store, task: Task): Promise<Map<number, number>> {
  const held = new Map<number, number>();
  for (const s of await store.submissions.listByTask(task.id)) {
    const entries = (await store.ledger.listByMember(s.memberId)).filter((e) => e.taskId === task.id);
    held.set(s.memberId, entries.reduce((sum, e) => sum + e.delta, 0));
  }
  return held;
}

async function book(store: Store, task: Task, memberId: number, delta: number, reason: string, actor: string, idemKey: string, now: Date): Promise<LedgerEntry | undefined> {
  return store.ledger.append({ memberId, delta, reason, kind: 'correction', taskId: task.id, branchId: task.branchId, actor, idemKey }, now);
}

/** Takes back every point the task's submissions hold; returns how many members and points were reversed. */
export async function reverseTaskPoints(store: Store, task: Task, actor: string, now: Date): Promise<{ members: number; points: number }> {
  let members = 0;
  let points = 0;
  for (const [memberId, held] of await heldPoints(store, task)) {
    if (held === 0) continue;
    const entry = await book(store, task, memberId, -held, `任务#${task.id} 已撤销`, actor, `withdraw:${task.id}:member:${memberId}`, now);
    if (entry) { members++; points += held; }
  }
  return { members, points };
}

/** After a change of 分值, books the difference for every accepted submission; `decisionKey` names the change. */
export async function rebookTaskPoints(store: Store, task: Task, actor: string, decisionKey: string, now: Date): Promise<number> {
  const held = await heldPoints(store, task);
  let changed = 0;
  for (const s of await store.submissions.listByTask(task.id)) {
    if (s.status !== 'accepted') continue;
    const diff = pointsFor(task, s.late) - (held.get(s.memberId) ?? 0);
    if (diff === 0) continue;
    const entry = await book(store, task, s.memberId, diff, `任务#${task.id} 分值改为 ${task.points} 分`, actor, `${decisionKey}:member:${s.memberId}`, now);
    if (entry) changed++;
  }
  return changed;
}
