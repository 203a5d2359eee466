import type { Submission, Task } from '../../model';
import type { Store } from '../../store/store';

/**
 * One reason to doubt a proof. A doubt never rejects anything by itself: it holds the submission for a secretary,
 * who sees `reason` (plain Chinese, also what the member is told) and the related submissions side by side.
 */
export interface ProofDoubt {
  /** Stable machine name, e.g. 'near-duplicate', 'taken-before-task', 'missing-keywords', 'repeated-phrase'. */
  code: string;
  /** What a secretary and the member read, e.g. 「图片与 S12（张三，任务 #3）的图片几乎相同」. */
  reason: string;
  /** Earlier submissions this one resembles, shown beside it on the review page. */
  relatedSubmissionIds?: number[];
  /** Small facts for the review page (the distance, the date read, the text read). */
  detail?: Record<string, string | number>;
}

/** An image of the proof, already in the blob store. */
export interface ProofImage {
  sha256: string;
  ext: string;
  bytes: Buffer;
}

export interface ProofCheckInput {
  submission: Submission;
  task: Task;
  images: ProofImage[];
  store: Store;
  now: Date;
}

/** One check run on every new or replaced proof, off the request path. It must be idempotent (it may run again after a restart). */
export interface ProofCheck {
  readonly name: string;
  check(input: ProofCheckInput): Promise<ProofDoubt[]>;
}
