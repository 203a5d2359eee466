import { cropLayout, HASH_BITS, type CropOffset, type Fingerprint } from '../../media/perceptual-hash';
import type { ImageHashRecord } from '../../store/image-hash-repo';
import type { Store } from '../../store/store';
import { HammingIndex } from './hamming-index';

const DIGITS = HASH_BITS / 4;
const PAGE = 10_000;
/** The region of a hash that is the whole image; a crop's region is a number made from where it starts. */
const WHOLE = -1;

/** A stored image whose fingerprint comes within the threshold of a query, with the smallest distance found. */
export interface SimilarImage {
  record: ImageHashRecord;
  distance: number;
}

/** A fingerprint as one stored string: the whole image's hash, then the crops', each DIGITS hex digits. */
export const encodeFingerprint = (print: Fingerprint): string => [print.whole, ...print.crops].join('');

/**
 * The hashes of a stored string with the region each covers. Any record starts with the whole image's hash; its
 * crops are placed by their count (records written before the crop grid was made denser carry nine), and crops of
 * a layout this code does not know count as no particular region, so they still match a new photo's whole hash.
 */
function decodeFingerprint(text: string): Array<{ hash: string; region: number }> {
  const hashes = Array.from({ length: Math.floor(text.length / DIGITS) }, (_, i) =>
    text.slice(i * DIGITS, (i + 1) * DIGITS),
  );
  const layout = cropLayout(hashes.length - 1);
  return hashes.map((hash, i) => ({ hash, region: i === 0 ? WHOLE : layout ? regionOf(layout[i - 1]) : NaN }));
}

/** The same number for the same crop in any layout (offsets are whole tenths of a percent). */
const regionOf = ({ left, top }: CropOffset): number => Math.round(top * 1000) * 1000 + Math.round(left * 1000);

/**
 * Every earlier image proof's fingerprint, in memory, fed incrementally from the store's image hashes so that
 * hashes recorded by another instance are found here too. Each image enters the index with its whole-image hash
 * and its crops' hashes. A new photo's whole hash is compared with both (the original of a cropped copy is found
 * through the crop nearest the copy's cut); each of its crops with stored whole hashes (a cropped copy stored
 * first, its original sent later) and with the same crop of stored images (a date stamped on an edge or corner is
 * left out of some crop). A crop against a different crop compares two unrelated framings and is never counted.
 */
export class ImageHashIndex {
  /**
   * One Hamming index per region: a crop of a new photo is searched only among stored whole hashes and the same
   * crop, so each of its 25 searches covers about 2/26 of the hashes instead of all of them.
   */
  private readonly byRegion = new Map<number, HammingIndex>();
  private readonly records: ImageHashRecord[] = [];
  /** For each hash added to a Hamming index (its label): which record it belongs to. */
  private readonly owners: number[] = [];
  /** `submissionId:sha256` of every image held. */
  private readonly held = new Set<string>();
  private lastId = 0;

  get size(): number {
    return this.records.length;
  }

  /** Whether this image of this submission is in the index (its check has run here or on another instance). */
  holds(submissionId: number, sha256: string): boolean {
    return this.held.has(`${submissionId}:${sha256}`);
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
    const owner = this.records.push(record) - 1;
    this.held.add(`${record.submissionId}:${record.sha256}`);
    for (const { hash, region } of decodeFingerprint(record.hash)) {
      let index = this.byRegion.get(region);
      if (!index) this.byRegion.set(region, (index = new HammingIndex(HASH_BITS)));
      index.add(hash, this.owners.push(owner) - 1);
    }
  }

  /**
   * Stored images within `radius` bits of a new photo, one entry per image, nearest first: of its whole-image hash
   * only (a string), or of its whole fingerprint, compared region by region as the class comment says.
   */
  similarTo(query: string | Fingerprint, radius: number): SimilarImage[] {
    const best = new Map<number, number>();
    for (const { hash, region } of typeof query === 'string' ? [{ hash: query, region: WHOLE }] : queriesOf(query)) {
      for (const index of this.indexesFor(region))
        for (const { label, distance } of index.search(hash, radius)) {
          const owner = this.owners[label];
          if (distance < (best.get(owner) ?? Infinity)) best.set(owner, distance);
        }
    }
    return [...best]
      .sort((a, b) => a[1] - b[1] || a[0] - b[0])
      .map(([owner, distance]) => ({ record: this.records[owner], distance }));
  }

  /** A whole-image hash is compared with every stored region; a crop with stored whole hashes and the same crop. */
  private indexesFor(region: number): HammingIndex[] {
    if (region === WHOLE) return [...this.byRegion.values()];
    return [this.byRegion.get(WHOLE), this.byRegion.get(region)].filter((i): i is HammingIndex => i !== undefined);
  }
}

const queriesOf = (print: Fingerprint) => decodeFingerprint(encodeFingerprint(print));
