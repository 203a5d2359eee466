import { HASH_BITS, type Fingerprint } from '../../media/perceptual-hash';
import type { ImageHashRecord } from '../../store/image-hash-repo';
import type { Store } from '../../store/store';
import { HammingIndex } from './hamming-index';

const DIGITS = HASH_BITS / 4;
const PAGE = 10_000;

/** A stored image whose fingerprint comes within the threshold of a query, with the smallest distance found. */
export interface SimilarImage {
  record: ImageHashRecord;
  distance: number;
}

/** A fingerprint as one stored string: the whole image's hash, then the crops', each DIGITS hex digits. */
export const encodeFingerprint = (print: Fingerprint): string => [print.whole, ...print.crops].join('');
const decodeFingerprint = (text: string): string[] =>
  Array.from({ length: Math.floor(text.length / DIGITS) }, (_, i) => text.slice(i * DIGITS, (i + 1) * DIGITS));

/**
 * Every earlier image proof's fingerprint, in memory, fed incrementally from the store's image hashes so that
 * hashes recorded by another instance are found here too. Each image enters the index with its whole-image hash
 * and its crops' hashes; a query with a new photo's whole-image hash then finds the original of a cropped copy.
 */
export class ImageHashIndex {
  private readonly index = new HammingIndex(HASH_BITS);
  private readonly records: ImageHashRecord[] = [];
  private lastId = 0;

  get size(): number {
    return this.records.length;
  }

  /** Loads what the store holds beyond what this index has seen. */
  async sync(store: Store): Promise<void> {
    for (;;) {
      const page = await store.imageHashes.listSince(this.lastId, PAGE);
      for (const record of page) this.add(record);
      if (page.length < PAGE) return;
    }
  }

  add(record: ImageHashRecord): void {
    if (record.id <= this.lastId) return;
    this.lastId = record.id;
    const label = this.records.push(record) - 1;
    for (const hash of decodeFingerprint(record.hash)) this.index.add(hash, label);
  }

  /** Stored images within `radius` bits of this whole-image hash, one entry per image, nearest first. */
  similarTo(wholeHash: string, radius: number): SimilarImage[] {
    const best = new Map<number, number>();
    for (const { label, distance } of this.index.search(wholeHash, radius)) {
      if (!best.has(label)) best.set(label, distance);
    }
    return [...best].map(([label, distance]) => ({ record: this.records[label], distance }));
  }
}
