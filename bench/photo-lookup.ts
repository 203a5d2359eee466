import type { Fingerprint } from '../src/media/perceptual-hash';
import { encodeFingerprint, ImageHashIndex } from '../src/tasks/proof-checks/image-hash-index';
import { flipped, pct } from './hamming-lookup';
import { loadAverage } from './process-stats';
import { seededRng } from './proof-set/scene';

const STORED_HASHES = 1_000_000;
const PHOTOS = 500;

/**
 * What the near-duplicate check pays per new photo: its whole fingerprint (whole + crops) looked up in an index of
 * stored fingerprints holding 1,000,000 hashes in all. Stored images are the set's real fingerprints, then copies with
 * 64 bits of every hash flipped (unrelated photos of like scenes); queries are real fingerprints with 8 or 30 bits of
 * every hash flipped.
 */
export function photoLookupLine(prints: Fingerprint[], radius: number): string {
  const rng = seededRng(23);
  const perPhoto = 1 + prints[0].crops.length;
  const images = Math.ceil(STORED_HASHES / perPhoto);
  const index = new ImageHashIndex();
  const started = process.cpuUsage();
  for (let i = 0; i < images; i++) {
    const print = i < prints.length ? prints[i] : shifted(prints[i % prints.length], 64, rng);
    index.add({
      id: i + 1,
      hash: encodeFingerprint(print),
      sha256: '',
      submissionId: i + 1,
      memberId: 1,
      taskId: 1,
      createdAt: '',
    });
  }
  index.similarTo(prints[0], 0);
  const build = process.cpuUsage(started);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < PHOTOS; i++) {
    const query = shifted(prints[i % prints.length], i % 3 === 0 ? 8 : 30, rng);
    const [t, c] = [process.hrtime.bigint(), process.cpuUsage()];
    index.similarTo(query, radius);
    const used = process.cpuUsage(c);
    wall.push(Number(process.hrtime.bigint() - t) / 1e6);
    cpu.push((used.user + used.system) / 1e3);
  }
  return (
    `lookup per photo: p99 ${pct(wall, 0.99).toFixed(2)} ms (p50 ${pct(wall, 0.5).toFixed(2)} ms; CPU p50 ${pct(cpu, 0.5).toFixed(2)} ms, ` +
    `p99 ${pct(cpu, 0.99).toFixed(2)} ms) for a whole fingerprint (${perPhoto} hashes) against ${images.toLocaleString('en')} stored images = ` +
    `${(images * perPhoto).toLocaleString('en')} hashes, radius ${radius}, ${PHOTOS} photos; build CPU ${((build.user + build.system) / 1e6).toFixed(1)} s; ${loadAverage()}`
  );
}

const shifted = (print: Fingerprint, bits: number, rng: () => number): Fingerprint => ({
  whole: flipped(print.whole, bits, rng),
  crops: print.crops.map((c) => flipped(c, bits, rng)),
});
