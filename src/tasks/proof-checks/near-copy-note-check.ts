import type { Submission } from '../../model';
import { visibleLength } from '../../text/normalize-text';
import type { ProofCheck } from './proof-check';
import { jaccard, shingles } from './note-similarity';
import { NOTE_MIN_CHARS } from './repeated-phrase-check';

/**
 * Jaccard similarity of character 3-grams at or above which two notes count as copies. Measured on our examples:
 * honest notes on one task that quote the same sentence of the material score 0.06–0.23; a copy with two phrases
 * changed scores 0.66–0.80.
 */
export const NEAR_COPY_SIMILARITY = 0.5;
const SHOWN = 3;

/**
 * Whether `other` was in before `mine`: only the later of two alike notes is held, even when the earlier one's check
 * runs last (the checks run in parallel, off the request path).
 */
const before = (other: Submission, mine: Submission) =>
  other.updatedAt < mine.updatedAt || (other.updatedAt === mine.updatedAt && other.id < mine.id);

/** A note nearly the same as an earlier note of another member on the same task is held, naming the other note(s). */
export const nearCopyNoteCheck: ProofCheck = {
  name: 'near-copy-note',
  async check({ submission, task, store }) {
    if (visibleLength(submission.note) < NOTE_MIN_CHARS) return [];
    const mine = shingles(submission.note);
    const matches = (await store.submissions.listByTask(task.id))
      .filter((s) => s.memberId !== submission.memberId && before(s, submission))
      .filter((s) => visibleLength(s.note) >= NOTE_MIN_CHARS)
      .map((s) => ({ s, similarity: jaccard(mine, shingles(s.note)) }))
      .filter((m) => m.similarity >= NEAR_COPY_SIMILARITY)
      .sort((a, b) => b.similarity - a.similarity || a.s.id - b.s.id)
      .slice(0, SHOWN);
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
  },
};
