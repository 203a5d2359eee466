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
