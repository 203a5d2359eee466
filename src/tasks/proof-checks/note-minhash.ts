/**
 * MinHash signatures of notes, so a new note is compared with the few earlier notes that share a band of its
 * signature instead of re-shingling every note of the task. The share of equal positions of two signatures
 * estimates the Jaccard similarity of their shingle sets.
 *
 * 64 bands of 3 hashes: two notes that are 50 % alike share a band with probability 1 − (1 − 0.5³)⁶⁴ ≈ 0.9998, at
 * 60 % (a copy with a few phrases changed is 66–80 %) ≈ 0.9999998; honest notes at 10 % share one with ≈ 0.06.
 */
export const BANDS = 64;
export const ROWS = 3;
export const HASHES = BANDS * ROWS;

export interface NoteSignature {
  /** HASHES minima, or empty for a note with no shingles. */
  minima: Uint32Array;
  /** One key per band: the band's number and a 32-bit hash of its minima, unique across bands. */
  bands: number[];
}

/** murmur3's finalizer: a bijection of 32-bit integers that mixes every input bit into every output bit. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Fixed seeds (never random: a signature stored today must still compare with one computed after a restart). */
const SEEDS = Uint32Array.from({ length: HASHES }, (_, i) => mix(0x9e3779b9 + i * 0x632be5ab));

/** FNV-1a over the UTF-16 units of a shingle. */
function hashShingle(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function noteSignature(shingles: Set<string>): NoteSignature {
  if (shingles.size === 0) return { minima: new Uint32Array(0), bands: [] };
  const minima = new Uint32Array(HASHES).fill(0xffffffff);
  for (const s of shingles) {
    const h = hashShingle(s);
    for (let i = 0; i < HASHES; i++) {
      const v = mix(h ^ SEEDS[i]);
      if (v < minima[i]) minima[i] = v;
    }
  }
  return { minima, bands: bandKeys(minima) };
}

function bandKeys(minima: Uint32Array): number[] {
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = b;
    for (let r = 0; r < ROWS; r++) h = mix(h ^ minima[b * ROWS + r]);
    // Band number in the high bits: a key never matches another band's key. Stays below 2^53.
    keys.push(b * 0x100000000 + h);
  }
  return keys;
}

/** Estimated Jaccard similarity: the share of positions where the two signatures agree. */
export function estimatedSimilarity(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== HASHES || b.length !== HASHES) return 0;
  let same = 0;
  for (let i = 0; i < HASHES; i++) if (a[i] === b[i]) same++;
  return same / HASHES;
}
