import fs from 'node:fs';
import os from 'node:os';
import { fingerprint, HASH_BITS, type Fingerprint } from '../src/media/perceptual-hash';
import { encodeFingerprint, ImageHashIndex } from '../src/tasks/proof-checks/image-hash-index';
import { NEAR_DUPLICATE_BITS } from '../src/tasks/proof-checks/near-duplicate-check';
import type { BenchCase } from './bench-case';
import { BASE_COUNT, DISTINCT_COUNT, generateProofSet, HELD_OUT_SEED, proofSetDir } from './proof-set/proof-set';
import { lookupLines, pct } from './hamming-lookup';
import { photoLookupLine } from './photo-lookup';

/** Distances are reported up to here (a wider search visits far more buckets); farther shows as this + 1. */
const REPORT_RADIUS = NEAR_DUPLICATE_BITS + 7;

/**
 * Near-duplicate detection on the generated sets (`npm run gen:proof-set`, made here when missing): how many copies
 * of the 200 base photos are found (each must name its own original), how many of the 2,000 distinct photos match
 * any other photo, how fast photos are fingerprinted, and the lookup p99 with 1,000,000 hashes in the index. The
 * tuning set is the one the fingerprint and threshold were chosen on; the held-out set (other seeds) was not looked
 * at while choosing, so its figures are the honest ones.
 */
export const proofNearDuplicate: BenchCase = {
  name: 'proof-near-duplicate',
  async run() {
    const tuning = await detectionOn(0, 'tuning set');
    const heldOut = await detectionOn(HELD_OUT_SEED, 'held-out set');
    const { count, wallSeconds, cpuSeconds, load } = tuning.hashing;
    return [
      ...tuning.lines,
      ...heldOut.lines,
      `hashing: ${(count / wallSeconds).toFixed(1)} images/s wall, ${((1000 * cpuSeconds) / count).toFixed(1)} ms CPU per image (${count} photos, fingerprint = whole + ${tuning.prints[0].crops.length} crops, one process, load average ${load})`,
      ...lookupLines(tuning.prints, [NEAR_DUPLICATE_BITS, NEAR_DUPLICATE_BITS - 4, NEAR_DUPLICATE_BITS + 4]),
      photoLookupLine(tuning.prints, NEAR_DUPLICATE_BITS),
    ];
  },
};

/** Detection and false positives on set `seed`, each copy and distinct photo queried with its whole fingerprint. */
export async function detectionOn(seed: number, label: string) {
  const files = await generateProofSet(proofSetDir(seed), BASE_COUNT, DISTINCT_COUNT, seed);
  const [wallStart, cpuStart, load] = [process.hrtime.bigint(), process.cpuUsage(), os.loadavg()[0].toFixed(1)];
  const base = await printsOf(files.base);
  const distinct = await printsOf(files.distinct);
  const cpu = process.cpuUsage(cpuStart);
  const hashing = {
    count: base.length + distinct.length,
    wallSeconds: Number(process.hrtime.bigint() - wallStart) / 1e9,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    load,
  };
  const index = new ImageHashIndex();
  [...base, ...distinct].forEach((print, i) => index.add(record(i + 1, print)));

  const perVariant = new Map<string, { found: number; total: number; far: number[] }>();
  for (const [i, copies] of files.variants.entries()) {
    for (const copy of copies) {
      const print = await fingerprint(fs.readFileSync(copy.file));
      const figures = perVariant.get(copy.name) ?? { found: 0, total: 0, far: [] };
      const own = index.similarTo(print, REPORT_RADIUS).find((s) => s.record.id === i + 1);
      figures.total++;
      figures.far.push(own?.distance ?? REPORT_RADIUS + 1);
      if (own && own.distance <= NEAR_DUPLICATE_BITS) figures.found++;
      perVariant.set(copy.name, figures);
    }
  }
  const found = [...perVariant.values()].reduce((n, v) => n + v.found, 0);
  const copies = [...perVariant.values()].reduce((n, v) => n + v.total, 0);
  const nearestDistinct = distinct.map((print, i) => nearestOther(index, print, base.length + i + 1));
  const falsePositives = nearestDistinct.filter((d) => d <= NEAR_DUPLICATE_BITS).length;
  const lines = [
    `${label} (seed ${seed}) detection: ${(found / copies).toFixed(3)} (${found}/${copies} copies name their original; threshold ${NEAR_DUPLICATE_BITS}/${HASH_BITS} bits)`,
    ...[...perVariant].map(
      ([name, v]) =>
        `  ${name}: ${v.found}/${v.total} (distance to original p50 ${pct(v.far, 0.5)}, p95 ${pct(v.far, 0.95)}, max ${pct(v.far, 1)})`,
    ),
    `${label} (seed ${seed}) false positives: ${((100 * falsePositives) / distinct.length).toFixed(2)} % (${falsePositives}/${distinct.length} distinct photos match another; nearest-other distance min ${pct(nearestDistinct, 0)}, p1 ${pct(nearestDistinct, 0.01)}, p50 ${pct(nearestDistinct, 0.5)}; beyond ${REPORT_RADIUS} shows as ${REPORT_RADIUS + 1})`,
  ];
  return { lines, hashing, prints: [...base, ...distinct] };
}

async function printsOf(list: string[]): Promise<Fingerprint[]> {
  const out: Fingerprint[] = [];
  for (const file of list) out.push(await fingerprint(fs.readFileSync(file)));
  return out;
}

const record = (id: number, print: Fingerprint) => ({
  id,
  hash: encodeFingerprint(print),
  sha256: String(id),
  submissionId: id,
  memberId: id,
  taskId: 1,
  createdAt: '',
});

function nearestOther(index: ImageHashIndex, print: Fingerprint, ownId: number): number {
  const others = index.similarTo(print, REPORT_RADIUS).filter((s) => s.record.id !== ownId);
  return others.length ? Math.min(...others.map((s) => s.distance)) : REPORT_RADIUS + 1;
}
