import fs from 'node:fs';
import { fingerprint, HASH_BITS, type Fingerprint } from '../src/media/perceptual-hash';
import { encodeFingerprint, ImageHashIndex } from '../src/tasks/proof-checks/image-hash-index';
import { NEAR_DUPLICATE_BITS } from '../src/tasks/proof-checks/near-duplicate-check';
import type { BenchCase } from './bench-case';
import { lookupLines } from './hamming-lookup';
import { generateProofSet, PROOF_SET_DIR } from './proof-set/proof-set';

/** Distances are reported up to here (a wider search visits far more buckets); farther shows as this + 1. */
const REPORT_RADIUS = NEAR_DUPLICATE_BITS + 12;

/**
 * Near-duplicate detection on the generated set (`npm run gen:proof-set`, made here when missing): how many copies
 * of the 200 base photos are found (each must name its own original), how many of the 2,000 distinct photos match
 * any other photo, how fast photos are fingerprinted, and the lookup p99 with 1,000,000 hashes in the index.
 */
export const proofNearDuplicate: BenchCase = {
  name: 'proof-near-duplicate',
  async run() {
    const files = await generateProofSet(PROOF_SET_DIR);
    const started = process.hrtime.bigint();
    const base = await printsOf(files.base);
    const distinct = await printsOf(files.distinct);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const index = new ImageHashIndex();
    [...base, ...distinct].forEach((print, i) => index.add(record(i + 1, print)));

    const perVariant = new Map<string, { found: number; total: number; far: number[] }>();
    for (const [i, copies] of files.variants.entries()) {
      for (const copy of copies) {
        const whole = (await fingerprint(fs.readFileSync(copy.file))).whole;
        const figures = perVariant.get(copy.name) ?? { found: 0, total: 0, far: [] };
        const own = index.similarTo(whole, REPORT_RADIUS).find((s) => s.record.id === i + 1);
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
    return [
      `detection: ${(found / copies).toFixed(3)} (${found}/${copies} copies name their original; threshold ${NEAR_DUPLICATE_BITS}/${HASH_BITS} bits)`,
      ...[...perVariant].map(
        ([name, v]) =>
          `  ${name}: ${v.found}/${v.total} (distance to original p50 ${pct(v.far, 0.5)}, p95 ${pct(v.far, 0.95)}, max ${pct(v.far, 1)})`,
      ),
      `false positives: ${((100 * falsePositives) / distinct.length).toFixed(2)} % (${falsePositives}/${distinct.length} distinct photos match another; nearest-other distance min ${pct(nearestDistinct, 0)}, p1 ${pct(nearestDistinct, 0.01)}, p50 ${pct(nearestDistinct, 0.5)})`,
      `hashing: ${((base.length + distinct.length) / seconds).toFixed(1)} images/s (${base.length + distinct.length} photos, fingerprint = whole + 9 crops, one process)`,
      ...lookupLines([...base, ...distinct], [NEAR_DUPLICATE_BITS, NEAR_DUPLICATE_BITS - 4, NEAR_DUPLICATE_BITS + 4]),
    ];
  },
};

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
  const others = index.similarTo(print.whole, REPORT_RADIUS).filter((s) => s.record.id !== ownId);
  return others.length ? Math.min(...others.map((s) => s.distance)) : REPORT_RADIUS + 1;
}

function pct(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
