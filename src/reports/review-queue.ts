import type { Member, Submission, Task } from '../model';
import type { Store } from '../store/store';
import type { StoredDoubt } from '../store/proof-check-repo';
import { doubtScore } from '../tasks/proof-checks/doubt-score';

export interface RelatedProof {
  submission: Submission;
  member?: Member;
}

export interface ReviewItem {
  submission: Submission;
  task: Task;
  member?: Member;
  doubts: StoredDoubt[];
  /** What the checks read: exifTakenAt, shownDates, text. */
  facts: Record<string, string>;
  related: RelatedProof[];
  score: number;
}

/** Held before the checks kept their reasons (or by a check that left none): the secretary still decides. */
const UNEXPLAINED: StoredDoubt = { code: 'held', reason: '已转人工审核（没有记录自动检查的原因）' };
const LIMIT = 200;

async function related(store: Store, doubts: StoredDoubt[]): Promise<RelatedProof[]> {
  const ids = [...new Set(doubts.flatMap((d) => d.relatedSubmissionIds ?? []))];
  const out: RelatedProof[] = [];
  for (const id of ids) {
    const submission = await store.submissions.get(id);
    if (submission) out.push({ submission, member: await store.members.get(submission.memberId) });
  }
  return out;
}

async function itemOf(store: Store, task: Task, submission: Submission): Promise<ReviewItem> {
  const run = await store.proofChecks.get(submission.id, submission.sourceKey);
  const doubts = run?.doubts.length ? run.doubts : [UNEXPLAINED];
  return {
    submission,
    task,
    member: await store.members.get(submission.memberId),
    doubts,
    facts: run?.facts ?? {},
    related: await related(store, doubts),
    score: doubtScore(doubts),
  };
}

/** Held submissions of these tasks, most doubtful first (then oldest first), with their reasons and related proof. */
export async function reviewQueue(store: Store, tasks: Task[]): Promise<ReviewItem[]> {
  const items: ReviewItem[] = [];
  for (const task of tasks) {
    for (const s of await store.submissions.listByTask(task.id))
      if (s.status === 'flagged') items.push(await itemOf(store, task, s));
  }
  return items.sort((a, b) => b.score - a.score || a.submission.id - b.submission.id).slice(0, LIMIT);
}

/** The reasons of one held submission (the chat 审核 #n lists them). */
export async function heldReasons(store: Store, submission: Submission): Promise<string[]> {
  const run = await store.proofChecks.get(submission.id, submission.sourceKey);
  return (run?.doubts.length ? run.doubts : [UNEXPLAINED]).map((d) => d.reason);
}
