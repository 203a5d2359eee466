import { ballVolume, chunkKey, interleavedChunks, masksWithin, tableRadii } from './hamming-probes';
import { popcount32 } from './popcount';

const FIRST_CAPACITY = 1024;
/** Hashes added since the tables were built are scanned one by one until there are more than this… */
const PENDING_MIN = 1024;
/** …or more than this share of the indexed ones; then the tables are rebuilt before the search. */
const PENDING_SHARE = 1 / 32;
const INLINE = 4;

/** A match: the label the hash was added with and how many bits differ. */
export interface HammingMatch {
  label: number;
  distance: number;
}

/** One substring's table: the ids of the indexed hashes grouped by key (`ids[offsets[k]] … ids[offsets[k + 1] − 1]`). */
interface Table {
  positions: Int32Array;
  /** The table key is the substring's first `keyBits` bits (fewer than all while the index is small). */
  keyBits: number;
  offsets: Int32Array;
  ids: Int32Array;
  /** The first INLINE words of each hash, beside its id: most candidates are ruled out without reading `bits`. */
  heads: Uint32Array;
}

/**
 * Multi-index hashing (Norouzi, Punjani & Fleet): every hash is cut into m substrings, each indexed in its own
 * table. A hash within r bits of the query comes within a small radius of it in at least one substring (see
 * `tableRadii`), so a search visits only the buckets near the query's substrings and checks those candidates.
 *
 * Memory latency, not arithmetic, is the cost at a million hashes: a bucket is a contiguous run of its hashes' ids
 * and first INLINE words (counting sort, rebuilt when the hashes added since outgrow a small share; those are
 * scanned one by one meanwhile), so most candidates are ruled out on 128 bits read in sequence and only a few
 * hundred per search read the full hash. With reads that cheap, more and shorter substrings win: m defaults to
 * bits / 17 (15 of 17 bits for 256), and radius 40 searches eleven tables at radius 2 and four at radius 1, about
 * 1,800 buckets (measured against 13 and 16 on the photo hashes, `npm run bench proof-near-duplicate`). A match is
 * kept only in the first table that finds it, so no per-hash "seen" mark is read or written. When the probes would
 * outnumber the hashes a search simply scans them all.
 */
export class HammingIndex {
  private readonly words: number;
  private readonly chunks: Int32Array[];
  private readonly radiusCache = new Map<number, number[]>();
  private bits: Uint32Array;
  private labels: Float64Array;
  private tables: Table[] = [];
  private indexed = 0;
  private count = 0;

  constructor(
    readonly hashBits: number,
    chunkCount = Math.max(1, Math.round(hashBits / 17)),
  ) {
    this.words = Math.ceil(hashBits / 32);
    this.chunks = interleavedChunks(hashBits, chunkCount);
    this.bits = new Uint32Array(this.words * FIRST_CAPACITY);
    this.labels = new Float64Array(FIRST_CAPACITY);
  }

  get size(): number {
    return this.count;
  }

  /** Adds a hash (hex, hashBits / 4 digits) under `label`. */
  add(hex: string, label: number): void {
    if (this.count === this.labels.length) this.grow();
    this.bits.set(toWords(hex, this.words), this.count * this.words);
    this.labels[this.count++] = label;
  }

  /** Every added hash within `radius` bits of `hex`, nearest first. */
  search(hex: string, radius: number): HammingMatch[] {
    const pending = this.count - this.indexed;
    if (pending > Math.max(PENDING_MIN, this.indexed * PENDING_SHARE)) this.buildTables();
    const query = toWords(hex, this.words);
    const radii = this.radiiFor(radius);
    const found: HammingMatch[] = [];
    if (this.probeCount(radii) >= this.indexed) this.scan(query, radius, 0, found);
    else {
      const keys = this.tables.map((t) => chunkKey(query, 0, t.positions) >>> (t.positions.length - t.keyBits));
      for (let c = 0; c < this.tables.length; c++)
        if (radii[c] >= 0) this.probeTable(c, keys, radii, query, radius, found);
      this.scan(query, radius, this.indexed, found);
    }
    return found.sort((a, b) => a.distance - b.distance || a.label - b.label);
  }

  private probeTable(
    c: number,
    keys: number[],
    radii: number[],
    query: Uint32Array,
    radius: number,
    found: HammingMatch[],
  ): void {
    const { offsets, ids, keyBits, heads } = this.tables[c];
    const masks = masksWithin(keyBits, radii[c]);
    const inline = Math.min(INLINE, this.words);
    for (let i = 0; i < masks.length; i++) {
      const key = keys[c] ^ masks[i];
      for (let j = offsets[key], end = offsets[key + 1]; j < end; j++) {
        let distance = 0;
        for (let w = 0; w < inline; w++) distance += popcount32(query[w] ^ heads[j * inline + w]);
        if (distance > radius) continue;
        const at = ids[j];
        distance = this.distanceWithin(query, at, radius);
        if (distance <= radius && !this.foundEarlier(c, at, keys, radii))
          found.push({ label: this.labels[at], distance });
      }
    }
  }

  /** Whether a table probed before table `c` already found the hash at `at`. */
  private foundEarlier(c: number, at: number, keys: number[], radii: number[]): boolean {
    for (let e = 0; e < c; e++) {
      const { positions, keyBits } = this.tables[e];
      const key = chunkKey(this.bits, at * this.words, positions) >>> (positions.length - keyBits);
      if (radii[e] >= 0 && popcount32(key ^ keys[e]) <= radii[e]) return true;
    }
    return false;
  }

  private scan(query: Uint32Array, radius: number, from: number, found: HammingMatch[]): void {
    for (let at = from; at < this.count; at++) {
      const distance = this.distanceWithin(query, at, radius);
      if (distance <= radius) found.push({ label: this.labels[at], distance });
    }
  }

  /** The distance to the hash at `at`, or radius + 1 as soon as the words read so far are past the radius. */
  private distanceWithin(query: Uint32Array, at: number, radius: number): number {
    const base = at * this.words;
    let distance = 0;
    for (let w = 0; w < this.words && distance <= radius; w++) distance += popcount32(query[w] ^ this.bits[base + w]);
    return distance;
  }

  private probeCount(radii: number[]): number {
    return this.tables.reduce((n, t, c) => n + (radii[c] < 0 ? 0 : ballVolume(t.keyBits, radii[c])), 0);
  }

  private radiiFor(radius: number): number[] {
    let radii = this.radiusCache.get(radius);
    if (!radii)
      this.radiusCache.set(
        radius,
        (radii = tableRadii(
          this.chunks.map((c) => c.length),
          radius,
        )),
      );
    return radii;
  }

  /** Counting sort of every hash by each substring's key; keys get about log2(n) bits, one hash per bucket. */
  private buildTables(): void {
    const scale = Math.max(1, Math.ceil(Math.log2(this.count)));
    const keys = new Int32Array(this.count);
    this.tables = this.chunks.map((positions) => {
      const keyBits = Math.min(positions.length, scale);
      const offsets = new Int32Array(2 ** keyBits + 1);
      for (let at = 0; at < this.count; at++) {
        keys[at] = chunkKey(this.bits, at * this.words, positions) >>> (positions.length - keyBits);
        offsets[keys[at] + 1]++;
      }
      for (let k = 1; k < offsets.length; k++) offsets[k] += offsets[k - 1];
      const next = offsets.slice(0, -1);
      const [bits, words, inline] = [this.bits, this.words, Math.min(INLINE, this.words)];
      const ids = new Int32Array(this.count);
      const heads = new Uint32Array(this.count * inline);
      // Reading the hashes in order and writing each to its bucket's place is far cheaper than the reverse.
      for (let at = 0; at < this.count; at++) {
        const j = next[keys[at]]++;
        ids[j] = at;
        for (let w = 0; w < inline; w++) heads[j * inline + w] = bits[at * words + w];
      }
      return { positions, keyBits, offsets, ids, heads };
    });
    this.indexed = this.count;
  }

  private grow(): void {
    const bits = new Uint32Array(this.bits.length * 2);
    bits.set(this.bits);
    const labels = new Float64Array(this.labels.length * 2);
    labels.set(this.labels);
    [this.bits, this.labels] = [bits, labels];
  }
}

/** The hex digits as 32-bit words, most significant bit first. */
export function toWords(hex: string, words: number): Uint32Array {
  const out = new Uint32Array(words);
  for (let w = 0; w < words; w++) out[w] = parseInt(hex.slice(w * 8, w * 8 + 8).padEnd(8, '0'), 16) >>> 0;
  return out;
}
