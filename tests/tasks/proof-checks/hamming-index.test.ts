import { seededRng } from '../../../bench/proof-set/scene';
import { HammingIndex, toWords } from '../../../src/tasks/proof-checks/hamming-index';
import { popcount32 } from '../../../src/tasks/proof-checks/popcount';

type Rng = () => number;
const randomHex = (rng: Rng, bits: number) =>
  Array.from({ length: bits / 4 }, () => Math.floor(rng() * 16).toString(16)).join('');
/** `hex` with `count` random bits flipped (some may flip back: at most `count` bits away). */
const nearby = (rng: Rng, hex: string, count: number) => {
  const digits = hex.split('').map((d) => parseInt(d, 16));
  for (let i = 0; i < count; i++) {
    const bit = Math.floor(rng() * hex.length * 4);
    digits[bit >> 2] ^= 8 >> (bit & 3);
  }
  return digits.map((d) => d.toString(16)).join('');
};
const distance = (a: string, b: string, bits: number) => {
  const [x, y] = [toWords(a, bits / 32), toWords(b, bits / 32)];
  return x.reduce((n, w, i) => n + popcount32(w ^ y[i]), 0);
};

describe('the multi-index Hamming index answers exactly what a brute-force scan does', () => {
  // Clusters (near copies of a few seeds) and scattered hashes, several widths and chunkings, random radii.
  it.each([
    [256, undefined, 1],
    [256, 16, 2],
    [64, 3, 3],
    [64, 4, 4],
  ])('%i-bit hashes, %s chunks (seed %i)', (bits, chunks, seed) => {
    const rng = seededRng(seed);
    const index = new HammingIndex(bits, chunks);
    const stored: string[] = [];
    const parents = Array.from({ length: 20 }, () => randomHex(rng, bits));
    for (let i = 0; i < 1500; i++) {
      const hex =
        rng() < 0.7 ? nearby(rng, parents[i % parents.length], Math.floor(rng() * bits * 0.3)) : randomHex(rng, bits);
      stored.push(hex);
      index.add(hex, i);
    }
    for (let q = 0; q < 60; q++) {
      const query =
        rng() < 0.5
          ? nearby(rng, stored[Math.floor(rng() * stored.length)], Math.floor(rng() * 24))
          : randomHex(rng, bits);
      const radius = Math.floor(rng() * (bits === 256 ? 56 : 20));
      const expected = stored
        .map((hex, label) => ({ label, distance: distance(hex, query, bits) }))
        .filter((m) => m.distance <= radius)
        .sort((a, b) => a.distance - b.distance || a.label - b.label);
      expect(index.search(query, radius)).toEqual(expected);
    }
  });

  // Like the photo hashes: copies of a few parents and of each other (64 bits flipped, or 24 like a crop of the same
  // photo), queries 8 or 30 bits from a stored hash,
  // at every radius the near-duplicate threshold may take; hashes keep arriving between searches, so some are found
  // in the tables and some among those added since the tables were built.
  it.each([36, 38, 40, 42, 44])('clustered 256-bit hashes added between searches, radius %i', (radius) => {
    const rng = seededRng(radius);
    const index = new HammingIndex(256);
    const stored: string[] = [];
    const parents = Array.from({ length: 40 }, () => randomHex(rng, 256));
    const words: Uint32Array[] = [];
    const expectSame = (query: string) => {
      const q = toWords(query, 8);
      const expected = words
        .map((w, label) => ({ label, distance: w.reduce((n, x, i) => n + popcount32(x ^ q[i]), 0) }))
        .filter((m) => m.distance <= radius)
        .sort((a, b) => a.distance - b.distance || a.label - b.label);
      expect(index.search(query, radius)).toEqual(expected);
      return expected.length;
    };
    let matched = 0;
    for (let i = 0; i < 6000; i++) {
      const parent = parents[i % parents.length];
      const hex =
        i < parents.length
          ? parent
          : nearby(rng, rng() < 0.2 ? parent : stored[Math.floor(rng() * stored.length)], rng() < 0.3 ? 24 : 64);
      stored.push(hex);
      words.push(toWords(hex, 8));
      index.add(hex, i);
      if (i % 100 === 99)
        matched += expectSame(nearby(rng, stored[Math.floor(rng() * stored.length)], rng() < 0.3 ? 8 : 30));
    }
    expect(matched).toBeGreaterThan(64); // the queries have neighbours, not only their own source
  });

  it('refuses substrings too long to be table keys', () => {
    expect(() => new HammingIndex(64, 2)).toThrow(RangeError);
  });

  it('finds an exact copy at distance 0 and nothing in an empty index', () => {
    const index = new HammingIndex(64);
    expect(index.search('0123456789abcdef', 10)).toEqual([]);
    index.add('0123456789abcdef', 7);
    expect(index.search('0123456789abcdef', 0)).toEqual([{ label: 7, distance: 0 }]);
  });
});
