import { popcount32 } from './popcount';

const MAX_CHUNK_BITS = 30;

/** A match: the label the hash was added with and how many bits differ. */
export interface HammingMatch {
  label: number;
  distance: number;
}

/**
 * Multi-index hashing (Norouzi, Punjani & Fleet): every hash is cut into CHUNKS substrings, each indexed in its own
 * table. Two hashes within r bits agree within ⌊r / CHUNKS⌋ bits on at least one substring (pigeonhole), so a search
 * only visits the buckets near the query's substrings and then checks the full distance of those candidates.
 * Sixteen-bit substrings keep each table at most 65,536 buckets, so 1,000,000 hashes cost ~32 MB of bits plus
 * one small array per bucket, and a search at radius 40 visits 137 buckets per table.
 */
export class HammingIndex {
  private readonly words: number;
  private readonly chunks: Array<{ start: number; length: number }>;
  private readonly tables: Array<Map<number, number[]>>;
  private bits: Uint32Array;
  private labels: number[] = [];
  private seen: Uint32Array = new Uint32Array(0);
  private stamp = 0;

  constructor(
    readonly hashBits: number,
    chunkCount = Math.max(1, Math.round(hashBits / 16)),
  ) {
    this.words = Math.ceil(hashBits / 32);
    this.chunks = Array.from({ length: chunkCount }, (_, i) => {
      const start = Math.floor((i * hashBits) / chunkCount);
      return { start, length: Math.floor(((i + 1) * hashBits) / chunkCount) - start };
    });
    // A substring is a table key and flipped with plain number arithmetic: it must stay a small integer.
    if (this.chunks.some((c) => c.length > MAX_CHUNK_BITS))
      throw new RangeError(`chunks longer than ${MAX_CHUNK_BITS} bits`);
    this.tables = this.chunks.map(() => new Map());
    this.bits = new Uint32Array(this.words * 1024);
  }

  get size(): number {
    return this.labels.length;
  }

  /** Adds a hash (hex, hashBits / 4 digits) under `label`. */
  add(hex: string, label: number): void {
    const at = this.labels.length;
    if ((at + 1) * this.words > this.bits.length) {
      const grown = new Uint32Array(this.bits.length * 2);
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits.set(toWords(hex, this.words), at * this.words);
    this.labels.push(label);
    this.chunks.forEach((chunk, c) => {
      const key = chunkValue(this.bits, at * this.words, chunk);
      const bucket = this.tables[c].get(key);
      if (bucket) bucket.push(at);
      else this.tables[c].set(key, [at]);
    });
  }

  /** Every added hash within `radius` bits of `hex`, nearest first. */
  search(hex: string, radius: number): HammingMatch[] {
    const query = toWords(hex, this.words);
    const perChunk = Math.floor(radius / this.chunks.length);
    if (this.seen.length < this.labels.length) this.seen = new Uint32Array(this.bits.length / this.words);
    const stamp = ++this.stamp;
    const found: HammingMatch[] = [];
    this.chunks.forEach((chunk, c) => {
      const table = this.tables[c];
      forEachWithin(chunkValue(query, 0, chunk), chunk.length, perChunk, (key) => {
        for (const at of table.get(key) ?? []) {
          if (this.seen[at] === stamp) continue;
          this.seen[at] = stamp;
          const distance = this.distanceTo(query, at);
          if (distance <= radius) found.push({ label: this.labels[at], distance });
        }
      });
    });
    return found.sort((a, b) => a.distance - b.distance || a.label - b.label);
  }

  private distanceTo(query: Uint32Array, at: number): number {
    let distance = 0;
    for (let w = 0; w < this.words; w++) distance += popcount32(query[w] ^ this.bits[at * this.words + w]);
    return distance;
  }
}

/** The hex digits as 32-bit words, most significant bit first. */
export function toWords(hex: string, words: number): Uint32Array {
  const out = new Uint32Array(words);
  for (let w = 0; w < words; w++) out[w] = parseInt(hex.slice(w * 8, w * 8 + 8).padEnd(8, '0'), 16) >>> 0;
  return out;
}

function chunkValue(bits: Uint32Array, offset: number, chunk: { start: number; length: number }): number {
  let value = 0;
  for (let i = chunk.start; i < chunk.start + chunk.length; i++) {
    value = value * 2 + ((bits[offset + (i >>> 5)] >>> (31 - (i & 31))) & 1);
  }
  return value;
}

/** Calls `visit` with every `length`-bit value within `radius` bits of `value` (each once). */
function forEachWithin(value: number, length: number, radius: number, visit: (key: number) => void): void {
  const flip = (current: number, from: number, left: number): void => {
    visit(current);
    if (left === 0) return;
    for (let bit = from; bit < length; bit++) flip(current ^ (2 ** bit), bit + 1, left - 1);
  };
  flip(value, 0, radius);
}
