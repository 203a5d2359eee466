import { seededRng } from '../../../bench/proof-set/scene';
import { cropLayout, type Fingerprint } from '../../../src/media/perceptual-hash';
import { encodeFingerprint, ImageHashIndex } from '../../../src/tasks/proof-checks/image-hash-index';

const rng = seededRng(31);
/** 256 random bits: two of these are about 128 bits apart, far beyond any threshold. */
const randomHash = () => Array.from({ length: 64 }, () => Math.floor(rng() * 16).toString(16)).join('');
const print = (crops: number): Fingerprint => ({
  whole: randomHash(),
  crops: Array.from({ length: crops }, randomHash),
});
const record = (id: number, hash: string) => ({
  id,
  hash,
  sha256: String(id),
  submissionId: id,
  memberId: id,
  taskId: 1,
  createdAt: '',
});
/** `hex` with its first `bits` bits inverted (bits ≤ 4). */
const flipFirst = (hex: string, bits: number) =>
  (parseInt(hex[0], 16) ^ ((0xf0 >> bits) & 0xf)).toString(16) + hex.slice(1);
const cropAt = (count: number, left: number, top: number) =>
  cropLayout(count)!.findIndex((c) => c.left === left && c.top === top);

describe('the image hash index', () => {
  it('reads records of whole + 9 crops written before the denser grid, whole hash first', () => {
    const earlier = print(9);
    const index = new ImageHashIndex();
    index.add(record(1, encodeFingerprint(earlier)));
    const fresh = print(25);

    // The earlier record's whole hash, and its crop 5 % in from the left and top, match the same parts of a new photo.
    expect(index.similarTo({ ...fresh, whole: earlier.whole }, 40).map((s) => s.record.id)).toEqual([1]);
    const crops = [...fresh.crops];
    crops[cropAt(25, 0.05, 0.05)] = earlier.crops[cropAt(9, 0.05, 0.05)];
    expect(index.similarTo({ ...fresh, crops }, 40)).toEqual([
      { record: expect.objectContaining({ id: 1 }), distance: 0 },
    ]);
    // A new photo's whole hash still finds an earlier crop; a plain string queries with the whole hash only.
    expect(index.similarTo(earlier.crops[8], 40).map((s) => s.record.id)).toEqual([1]);
    expect(index.similarTo({ ...fresh, whole: earlier.crops[8] }, 40).map((s) => s.record.id)).toEqual([1]);
  });

  it("compares a new photo's crop with stored whole images and the same crop, never with another crop", () => {
    const stored = print(25);
    const index = new ImageHashIndex();
    index.add(record(1, encodeFingerprint(stored)));

    const otherCrop = [...print(25).crops];
    otherCrop[cropAt(25, 0, 0)] = stored.crops[cropAt(25, 0.1, 0.1)];
    expect(index.similarTo({ whole: randomHash(), crops: otherCrop }, 40)).toEqual([]);

    const ofWhole = [...print(25).crops];
    ofWhole[cropAt(25, 0.075, 0.025)] = stored.whole;
    expect(index.similarTo({ whole: randomHash(), crops: ofWhole }, 40).map((s) => s.record.id)).toEqual([1]);
  });

  it('names each stored image once, at its smallest distance, nearest first', () => {
    const [near, far] = [print(25), print(25)];
    const index = new ImageHashIndex();
    index.add(record(1, encodeFingerprint(far)));
    index.add(record(2, encodeFingerprint(near)));
    const query = { whole: near.whole, crops: [...print(25).crops] };
    query.crops[0] = flipFirst(far.whole, 3);
    query.crops[1] = near.crops[1];
    const found = index.similarTo(query, 40);
    expect(found.map((s) => [s.record.id, s.distance])).toEqual([
      [2, 0],
      [1, 3],
    ]);
  });
});
