import { fingerprint } from '../../media/perceptual-hash';
import type { ImageHashRecord } from '../../store/image-hash-repo';
import type { Store } from '../../store/store';
import type { Submission } from '../../model';
import { encodeFingerprint } from './image-hash-index';

/** The oldest pending runs looked at: those in flight beside this one (a few workers) and what a restart left. */
const PENDING_LOOKED_AT = 32;

/** What an image of another proof must be to count: the caller's rule (earlier, and not the member's own). */
export type Counts = (record: ImageHashRecord) => boolean;

/**
 * The images of proofs whose own check has not reached the index yet — in flight beside this one, or left pending
 * by a restart — fingerprinted here, as records the index would hold (not stored: their own check stores them).
 * Checks of two proofs may run in either order; without these, a copy checked before its original's check would
 * find nothing, and the original's check, finding the copy later than itself, holds nothing either.
 */
export async function uncheckedEarlierImages(
  store: Store,
  submission: Submission,
  indexed: (submissionId: number, sha256: string) => boolean,
  counts: Counts,
): Promise<ImageHashRecord[]> {
  const out: ImageHashRecord[] = [];
  const runs = await store.proofChecks.listPending(PENDING_LOOKED_AT);
  for (const run of runs) {
    if (run.submissionId === submission.id) continue;
    const other = await store.submissions.get(run.submissionId);
    // A run for a revision since replaced checks nothing: its submission now shows other proof.
    if (!other || other.sourceKey !== run.sourceKey) continue;
    const { id: submissionId, memberId, taskId, updatedAt: createdAt } = other;
    for (const { sha256 } of other.media.filter((m) => m.kind === 'image' && !indexed(submissionId, m.sha256))) {
      const record = { id: out.length + 1, hash: '', sha256, submissionId, memberId, taskId, createdAt };
      if (!counts(record)) break;
      const blob = await store.blobs.get(sha256);
      const print = blob && (await fingerprint(blob.bytes).catch(() => undefined));
      if (print && !print.flat) out.push({ ...record, hash: encodeFingerprint(print) });
    }
  }
  return out;
}
