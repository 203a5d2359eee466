/** How a search probes the tables: the substrings' bits, each table's radius and the masks that flip a key. */

const MAX_CHUNK_BITS = 30;

/**
 * Which bits make each substring: substring c takes bits c, c + chunks, c + 2·chunks, … (most significant first).
 * Neighbouring bits of a perceptual hash are correlated (nearby DCT coefficients of similar scenes), so contiguous
 * substrings would have few distinct values and crowded buckets; interleaving mixes the correlated bits across
 * substrings and keeps every bucket closer to its fair share.
 */
export function interleavedChunks(hashBits: number, chunks: number): Int32Array[] {
  const positions = Array.from({ length: chunks }, () => [] as number[]);
  for (let bit = 0; bit < hashBits; bit++) positions[bit % chunks].push(bit);
  // A substring is a table key combined with 32-bit integer operations: it must stay a small integer.
  if (positions.some((p) => p.length > MAX_CHUNK_BITS))
    throw new RangeError(`chunks longer than ${MAX_CHUNK_BITS} bits`);
  return positions.map((p) => Int32Array.from(p));
}

/** The value of one substring of the hash stored at word `offset` of `words`. */
export function chunkKey(words: Uint32Array, offset: number, positions: Int32Array): number {
  let key = 0;
  for (let i = 0; i < positions.length; i++) {
    const bit = positions[i];
    key = (key << 1) | ((words[offset + (bit >>> 5)] >>> (31 - (bit & 31))) & 1);
  }
  return key;
}

/**
 * The radius to search in each table so that every hash within `radius` bits is found (Norouzi, Punjani & Fleet,
 * the tighter pigeonhole): with radius = s·m + t (0 ≤ t < m), a hash that differs by more than s in t + 1 chosen
 * substrings and by more than s − 1 in all others differs by at least radius + 1 bits in all. The shortest
 * substrings take the larger radius (fewer masks). −1 means the table need not be searched.
 */
export function tableRadii(lengths: number[], radius: number): number[] {
  const m = lengths.length;
  const s = Math.floor(radius / m);
  const wider = radius - s * m + 1;
  const order = lengths.map((length, c) => ({ length, c })).sort((a, b) => a.length - b.length || a.c - b.c);
  const radii = new Array<number>(m);
  order.forEach(({ c }, rank) => (radii[c] = rank < wider ? s : s - 1));
  return radii;
}

/** How many `length`-bit values lie within `radius` bits of one value. */
export function ballVolume(length: number, radius: number): number {
  let volume = 0;
  let choose = 1;
  for (let k = 0; k <= Math.min(radius, length); k++) {
    volume += choose;
    choose = (choose * (length - k)) / (k + 1);
  }
  return volume;
}

const maskCache = new Map<string, Int32Array>();

/** Every `length`-bit mask with at most `radius` bits set (cached); a key XOR each mask is one probe. */
export function masksWithin(length: number, radius: number): Int32Array {
  const name = `${length}/${radius}`;
  let masks = maskCache.get(name);
  if (!masks) maskCache.set(name, (masks = buildMasks(length, Math.min(radius, length))));
  return masks;
}

function buildMasks(length: number, radius: number): Int32Array {
  const masks = new Int32Array(ballVolume(length, radius));
  let n = 0;
  const extend = (mask: number, from: number, left: number): void => {
    masks[n++] = mask;
    if (left > 0) for (let bit = from; bit < length; bit++) extend(mask | (1 << bit), bit + 1, left - 1);
  };
  extend(0, 0, radius);
  return masks;
}
