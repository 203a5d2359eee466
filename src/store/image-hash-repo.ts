/** The perceptual hash of one image of one proof, with whose proof it was (what a near-duplicate names). */
export interface ImageHashRecord {
  /** Increasing in the order records become visible, so a reader can load only what is new. */
  id: number;
  /** The image's fingerprint: 256-bit perceptual hashes, 64 hex digits each, of the whole image, then of its crops. */
  hash: string;
  /** The image's content address in the blob store. */
  sha256: string;
  submissionId: number;
  memberId: number;
  taskId: number;
  createdAt: string;
}

export type ImageHashInput = Omit<ImageHashRecord, 'id' | 'createdAt'>;

/**
 * Perceptual hashes of every image proof, shared by every instance on the store: each keeps an in-memory index and
 * feeds it with `listSince`, so a photo hashed on one instance is found by the others.
 */
export interface ImageHashRepo {
  /** Records the hash once per (submission, image): adding the same pair again returns the first record unchanged. */
  add(input: ImageHashInput, now: Date): Promise<ImageHashRecord>;
  /** Records with an id above `afterId`, in id order, at most `limit`. */
  listSince(afterId: number, limit: number): Promise<ImageHashRecord[]>;
}
