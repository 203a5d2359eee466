import type { Submission } from '../../model';
import type { Store } from '../../store/store';
import { visibleLength } from '../../text/normalize-text';
import type { ProofCheck, ProofCheckInput, ProofDoubt } from './proof-check';
import { jaccard, shingles } from './note-similarity';
import { estimatedSimilarity, noteSignature } from './note-minhash';
import { NOTE_MIN_CHARS } from './repeated-phrase-check';

/**
 * Jaccard similarity of character 3-grams at or above which two notes count as copies. Measured on our examples:
 * honest notes on one task that quote the same sentence of the material score 0.06–0.23; a copy with two phrases
 * changed scores 0.66–0.80.
 */
export const NEAR_COPY_SIMILARITY = 0.5;
/**
 * Candidates whose signatures agree on fewer positions than this are not read: at a true similarity of 0.5 the
 * estimate from 192 hashes falls this low with a probability of about 10⁻⁸.
 */
const ESTIMATE_FLOOR = 0.3;
const SHOWN = 3;

/**
 * Whether `other` was in before `mine`: only the later of two alike notes is held, even when the earlier one's check
 * runs last (the checks run in parallel, off the request path).
 */
const before = (other: Submission, mine: Submission) =>
  other.updatedAt < mine.updatedAt || (other.updatedAt === mine.updatedAt && other.id < mine.id);

const comparable = (note: string) => visibleLength(note) >= NOTE_MIN_CHARS;

const signatureOf = (s: Submission) => ({
  submissionId: s.id,
  sourceKey: s.sourceKey,
  taskId: s.taskId,
  ...(comparable(s.note) ? noteSignature(shingles(s.note)) : { minima: new Uint32Array(0), bands: [] }),
});

/**
 * Signs the notes of the task that have no signature for their current revision, so the band lookup sees every
 * earlier note. The first time in this process a task's every submission is looked at (notes written before
 * signatures were kept, or copied in); after that only those whose check is still pending, since every check signs
 * before it finishes. A failed signing forgets the task, so the next check looks at all of it again.
 */
async function signUnsigned(store: Store, taskId: number, signedTasks: Set<number>): Promise<void> {
  try {
    const signatures = [];
    const ids = await store.proofChecks.unsignedNotes(taskId, { pendingOnly: signedTasks.has(taskId) });
    for (const id of ids) {
      const s = await store.submissions.get(id);
      if (s) signatures.push(signatureOf(s));
    }
    await store.proofChecks.putNoteSignatures(signatures);
    signedTasks.add(taskId);
  } catch (err) {
    signedTasks.delete(taskId);
    throw err;
  }
}

/** Earlier notes of other members on the task at least NEAR_COPY_SIMILARITY alike, most alike first. */
async function nearCopies(store: Store, submission: Submission) {
  const exact = shingles(submission.note);
  const mine = noteSignature(exact);
  const matches: { s: Submission; similarity: number }[] = [];
  for (const c of await store.proofChecks.findNoteCandidates(submission.taskId, mine.bands)) {
    if (c.submissionId === submission.id || estimatedSimilarity(mine.minima, c.minima) < ESTIMATE_FLOOR) continue;
    const s = await store.submissions.get(c.submissionId);
    if (!s || s.memberId === submission.memberId || !before(s, submission) || !comparable(s.note)) continue;
    const similarity = jaccard(exact, shingles(s.note));
    if (similarity >= NEAR_COPY_SIMILARITY) matches.push({ s, similarity });
  }
  return matches.sort((a, b) => b.similarity - a.similarity || a.s.id - b.s.id).slice(0, SHOWN);
}

/**
 * A note nearly the same as an earlier note of another member on the same task is held, naming the other note(s).
 * Built once per process: it remembers which tasks it has signed every note of.
 */
export const nearCopyNoteCheck = (): ProofCheck => {
  const signedTasks = new Set<number>();
  return {
    name: 'near-copy-note',
    check: (input) => checkNote(input, signedTasks),
  };
};

async function checkNote(
  { submission, task, store }: ProofCheckInput,
  signedTasks: Set<number>,
): Promise<ProofDoubt[]> {
  await signUnsigned(store, task.id, signedTasks);
  if (!comparable(submission.note)) return [];
  const matches = await nearCopies(store, submission);
  if (matches.length === 0) return [];
  const names = [];
  for (const m of matches) names.push(`S${m.s.id}（${(await store.members.get(m.s.memberId))?.name ?? '?'}）`);
  const top = `${Math.round(matches[0].similarity * 100)}%`;
  return [
    {
      code: 'near-copy-note',
      reason: `心得与 ${names.join('、')}的心得几乎相同（相似度 ${top}）`,
      relatedSubmissionIds: matches.map((m) => m.s.id),
      detail: { 相似度: top },
    },
  ];
}
