import type { Member, ProofKind, Submission, SubmissionMedia, Task } from '../model';
import type { Store } from '../store/store';
import type { ProofCheckRef } from '../store/proof-check-repo';
import { PROOF_NAMES } from './task-spec';
import { settleSubmission } from '../points/ledger';
import { visibleLength } from '../text/normalize-text';
import { botMetrics } from '../observability/metrics';
import { exactDuplicateDoubt } from './proof-checks/exact-duplicate-doubt';

export interface ProofParts {
  note: string;
  links: string[];
  media: SubmissionMedia[];
}

const MEDIA_PROOF: Record<SubmissionMedia['kind'], ProofKind> = {
  image: 'image',
  video: 'video',
  file: 'file',
  voice: 'file',
};

/** Which of the task's accepted proof kinds this message carries. */
export function proofKindsPresent(task: Task, parts: ProofParts): ProofKind[] {
  const present = new Set<ProofKind>(parts.media.map((m) => MEDIA_PROOF[m.kind]));
  if (parts.links.length) present.add('link');
  if (visibleLength(parts.note) >= task.minChars) present.add('text');
  return [...present].filter((k) => task.proofKinds.includes(k));
}

export function describeProof(parts: ProofParts): string {
  const counts = new Map<string, number>();
  for (const m of parts.media) counts.set(m.kind, (counts.get(m.kind) ?? 0) + 1);
  const names: Record<string, [string, string]> = {
    image: ['图片', '张'],
    video: ['视频', '个'],
    file: ['文件', '个'],
    voice: ['语音', '条'],
  };
  const bits = [...counts].map(([k, n]) => `${names[k][0]}${n}${names[k][1]}`);
  if (parts.links.length) bits.push(`链接${parts.links.length}个`);
  if (visibleLength(parts.note) > 0) bits.push(`文字${visibleLength(parts.note)}字`);
  return bits.join('、');
}

export function missingProofHint(task: Task): string {
  const kinds = task.proofKinds.map((k) => (k === 'text' ? `不少于${task.minChars}字的心得` : PROOF_NAMES[k]));
  return `请附上证明：${kinds.join('、')}（任选其一），并注明 #${task.id}`;
}

export interface SubmitOutcome {
  submission: Submission;
  replaced: boolean;
  /** Net points booked by this submission now: negative when proof that had earned points is now held for review. */
  awarded?: number;
  duplicateOf?: Submission;
  /** This member's submission for the task as it was before this one (read once, for the answer to compare). */
  earlier?: Submission;
  /** The checks queued for this revision, to hand to the runner. */
  check: ProofCheckRef;
}

/** Proof whose image another member (or another task) already used is held for review instead of counted. */
async function findDuplicate(
  store: Store,
  task: Task,
  memberId: number,
  media: SubmissionMedia[],
): Promise<Submission | undefined> {
  for (const m of media.filter((x) => x.kind === 'image' || x.kind === 'video')) {
    const others = await store.submissions.findByMediaHash(m.sha256);
    const clash = others.find((s) => s.memberId !== memberId || s.taskId !== task.id);
    if (clash) return clash;
  }
  return undefined;
}

/**
 * Records (or replaces) a member's proof for a task and settles its points (booked once per revision). The byte-identical
 * image rule is decided here; every other check is queued with the proof and run off the request path.
 */
export async function submitProof(
  store: Store,
  task: Task,
  member: Member,
  parts: ProofParts,
  sourceKey: string,
  now: Date,
): Promise<SubmitOutcome> {
  const earlier = await store.submissions.find(task.id, member.id);
  // Better proof for a submission that was in on time stays on time: improving a photo must not cost points.
  const keptOnTime = earlier !== undefined && earlier.status !== 'rejected' && !earlier.late;
  const late = now.getTime() > new Date(task.deadline).getTime() && !keptOnTime;
  const duplicateOf = await findDuplicate(store, task, member.id, parts.media);
  const { submission, existed } = await store.submissions.upsert(
    {
      taskId: task.id,
      memberId: member.id,
      note: parts.note,
      links: parts.links,
      media: parts.media,
      late,
      status: duplicateOf ? 'flagged' : 'accepted',
      sourceKey,
    },
    now,
  );
  const awarded = await settleSubmission(store, submission.id, {
    actor: 'system',
    reason: `任务#${task.id} 重新提交（更正）`,
    now,
  });
  const doubts = duplicateOf ? [await exactDuplicateDoubt(store, duplicateOf)] : [];
  const check = { submissionId: submission.id, sourceKey, doubts };
  await store.proofChecks.enqueue(check, now);
  botMetrics.submissions.inc({ status: submission.status });
  return { submission, replaced: existed, awarded, duplicateOf, earlier, check };
}
