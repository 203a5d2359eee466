import { fingerprint, HASH_BITS, type Fingerprint } from '../../media/perceptual-hash';
import type { Submission } from '../../model';
import type { Store } from '../../store/store';
import type { ImageHashRecord } from '../../store/image-hash-repo';
import { encodeFingerprint, ImageHashIndex, type SimilarImage } from './image-hash-index';
import { uncheckedEarlierImages } from './unchecked-earlier-images';
import type { ProofCheck, ProofDoubt, ProofImage } from './proof-check';

/**
 * Bits (of 256) within which two images count as the same photo, for every comparison the index makes (whole with
 * whole, whole with crop, crop with the same crop). Chosen on the tuning set of `npm run bench proof-near-duplicate`
 * and checked on its held-out set: re-saved copies stay within 6 bits, halved within 14, PNG 0; a 10 % crop's whole
 * hash is p50 24 / p95 38 / max 46 from the nearest stored crop; a corner stamp is p50 20 but p95 58 whole against
 * whole, p95 24 / max 42 crop against the same crop. Of 2,000 distinct photos of similar scenes the nearest other
 * photo (any of those comparisons) is at least 38 bits away, 4 within 40 (0.2 %). At 40, 0.994 of the copies are
 * found (held-out set: 0.992, false positives 0.2 %); 36 would drop false positives to 0 but miss 1 crop in 12, so
 * 40 keeps both targets with room (see README).
 * A threshold per comparison kind was tried: 38 / 42 (whole with crop) / 38 found 4 more of 1,000 copies at the
 * same false positives on the tuning set, too small a gain to fit a second number to.
 */
export const NEAR_DUPLICATE_BITS = 40;
const NAMED = 3;

/**
 * The near-duplicate check: each image of a proof is compared with every earlier image proof of the county (any
 * member, any task) and then recorded for the proofs after it. A member's own earlier photo for the same task is
 * not a duplicate (a replaced proof), nor is anything of the same submission (the check may run again).
 * Checks of one process run one at a time, so two copies sent at the same moment still see each other; proofs
 * handed in earlier whose own check has not run yet are compared too, so the order the checks run in never matters.
 */
export function nearDuplicateCheck(options: { threshold?: number } = {}): ProofCheck {
  const threshold = options.threshold ?? NEAR_DUPLICATE_BITS;
  const indexes = new WeakMap<Store, ImageHashIndex>();
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    name: 'near-duplicate',
    async check({ submission, images, store }) {
      const prints = await fingerprintsOf(images);
      if (prints.length === 0) return [];
      return oneAtATime(async () => {
        let index = indexes.get(store);
        if (!index) indexes.set(store, (index = new ImageHashIndex()));
        await index.sync(store);
        const earlier = await earlierAlike(store, index, submission, prints, threshold);
        for (const { image, print } of prints) {
          const { memberId, taskId, id: submissionId } = submission;
          const hash = encodeFingerprint(print);
          // Recorded at the proof's time, not the check's: the checks of two proofs may run in either order.
          const at = new Date(submission.updatedAt);
          index.add(await store.imageHashes.add({ hash, sha256: image.sha256, submissionId, memberId, taskId }, at));
        }
        return earlier.length ? [await doubtOf(store, earlier, threshold)] : [];
      });
    },
  };
}

/** Earlier proofs' images alike to this proof's: those in the index, and those whose own check has not run yet. */
async function earlierAlike(
  store: Store,
  index: ImageHashIndex,
  submission: Submission,
  prints: Array<{ print: Fingerprint }>,
  threshold: number,
): Promise<SimilarImage[]> {
  const counts = (record: ImageHashRecord) => !isOwn(record, submission) && cameFirst(record, submission);
  const unchecked = new ImageHashIndex();
  const indexed = (submissionId: number, sha256: string) => index.holds(submissionId, sha256);
  for (const record of await uncheckedEarlierImages(store, submission, indexed, counts)) unchecked.add(record);
  return prints
    .flatMap(({ print }) => [...index.similarTo(print, threshold), ...unchecked.similarTo(print, threshold)])
    .filter(({ record }) => counts(record));
}

/**
 * The images sharp can read and that show something; anything else (a video saved as an image, a damaged file, one
 * flat colour) is left to other checks and never enters the index.
 */
async function fingerprintsOf(images: ProofImage[]): Promise<Array<{ image: ProofImage; print: Fingerprint }>> {
  const out: Array<{ image: ProofImage; print: Fingerprint }> = [];
  for (const image of images) {
    const print = await fingerprint(image.bytes).catch(() => undefined);
    if (print && !print.flat) out.push({ image, print });
  }
  return out;
}

/**
 * Whether the image came with a proof handed in before `submission` (its time, then its number): only the later of
 * two alike photos is held, even when the earlier proof's check runs last. (Records written before the proof's time
 * was kept carry their check's time, which is later than their proof's, never earlier.)
 */
const cameFirst = (record: ImageHashRecord, submission: Submission) =>
  record.createdAt < submission.updatedAt ||
  (record.createdAt === submission.updatedAt && record.submissionId < submission.id);

const isOwn = (record: ImageHashRecord, submission: Submission) =>
  record.submissionId === submission.id ||
  (record.memberId === submission.memberId && record.taskId === submission.taskId);

/** One doubt naming the earlier submissions, nearest first, in words a secretary and the member understand. */
async function doubtOf(store: Store, similar: SimilarImage[], threshold: number): Promise<ProofDoubt> {
  const nearest = new Map<number, SimilarImage>();
  for (const s of [...similar].sort((a, b) => a.distance - b.distance)) {
    if (!nearest.has(s.record.submissionId)) nearest.set(s.record.submissionId, s);
  }
  const named: string[] = [];
  for (const { record } of [...nearest.values()].slice(0, NAMED)) {
    const member = await store.members.get(record.memberId);
    named.push(`S${record.submissionId}（${member?.name ?? `成员 ${record.memberId}`}，任务 #${record.taskId}）`);
  }
  const more = nearest.size > NAMED ? `等 ${nearest.size} 份提交` : '';
  const closest = [...nearest.values()][0];
  return {
    code: 'near-duplicate',
    reason: `图片与 ${named.join('、')}${more}中的图片几乎相同（可能是同一张照片重新保存、缩放或裁剪），需人工确认。`,
    relatedSubmissionIds: [...nearest.keys()],
    detail: { distance: closest.distance, threshold, bits: HASH_BITS },
  };
}
