import { HASH_BITS, type Fingerprint } from '../src/media/perceptual-hash';
import { HammingIndex } from '../src/tasks/proof-checks/hamming-index';
import { loadAverage } from './process-stats';
import { seededRng } from './proof-set/scene';

const LOOKUP_HASHES = 1_000_000;
const LOOKUPS = 2_000;
const MiB = 1024 * 1024;

type Rng = () => number;

/**
 * Lookup p99 with 1,000,000 hashes in the index, at each radius. The index holds every real hash of the set
 * (whole + crops), then copies of them with 64 random bits flipped (as far from their parent as unrelated photos
 * of similar scenes are), so the buckets are as uneven as real hashes make them; the queries are real whole-image
 * hashes with 8 or 30 bits flipped. A second index of uniformly random hashes shows what the clustering costs.
 */
export function lookupLines(prints: Fingerprint[], radii: number[]): string[] {
  const rng = seededRng(17);
  return [...clusteredLines(prints, rng, radii), ...uniformLines(rng, radii)];
}

function clusteredLines(prints: Fingerprint[], rng: Rng, radii: number[]): string[] {
  const real = prints.flatMap((p) => [p.whole, ...p.crops]);
  const hashes = Array.from({ length: LOOKUP_HASHES }, (_, i) =>
    i < real.length ? real[i] : flipped(real[i % real.length], 64, rng),
  );
  const clustered = build(hashes);
  const queries = Array.from({ length: LOOKUPS }, (_, i) =>
    flipped(prints[i % prints.length].whole, i % 3 === 0 ? 8 : 30, rng),
  );
  const lines = radii.map((radius) => describe(clustered, queries, radius, ''));
  lines.push(
    `lookup index memory: heap + array buffers +${clustered.heapMiB.toFixed(0)} MiB, RSS +${clustered.rssMiB.toFixed(0)} MiB at ${LOOKUP_HASHES.toLocaleString('en')} hashes (after the build${globalThis.gc ? '' : '; run with --expose-gc to leave garbage out'})`,
  );
  return lines;
}

/** The same on uniformly random hashes (built after the clustered index is dropped, so memory stays one index). */
function uniformLines(rng: Rng, radii: number[]): string[] {
  const uniform = build(Array.from({ length: LOOKUP_HASHES }, () => randomHex(rng)));
  const queries = Array.from({ length: LOOKUPS }, () => randomHex(rng));
  return radii.map((radius) => describe(uniform, queries, radius, 'uniformly random hashes, '));
}

interface Built {
  index: HammingIndex;
  buildSeconds: number;
  buildCpuSeconds: number;
  heapMiB: number;
  rssMiB: number;
}

function build(hashes: string[]): Built {
  globalThis.gc?.();
  const before = process.memoryUsage();
  const [started, cpu] = [process.hrtime.bigint(), process.cpuUsage()];
  const index = new HammingIndex(HASH_BITS);
  hashes.forEach((hex, i) => index.add(hex, i));
  // The tables are built by the first search after the adds: count it in the build.
  index.search(hashes[0], 0);
  const used = process.cpuUsage(cpu);
  const buildSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const buildCpuSeconds = (used.user + used.system) / 1e6;
  globalThis.gc?.();
  const memory = process.memoryUsage();
  // Typed arrays live outside the V8 heap: count them with the heap.
  const heapMiB = (memory.heapUsed + memory.arrayBuffers - before.heapUsed - before.arrayBuffers) / MiB;
  return { index, buildSeconds, buildCpuSeconds, heapMiB, rssMiB: (memory.rss - before.rss) / MiB };
}

function describe(built: Built, queries: string[], radius: number, kind: string): string {
  const wall: number[] = [];
  const cpu: number[] = [];
  let matches = 0;
  for (const query of queries) {
    const [t, c] = [process.hrtime.bigint(), process.cpuUsage()];
    matches += built.index.search(query, radius).length;
    const used = process.cpuUsage(c);
    wall.push(Number(process.hrtime.bigint() - t) / 1e6);
    cpu.push((used.user + used.system) / 1e3);
  }
  return (
    `lookup p99: ${pct(wall, 0.99).toFixed(2)} ms at ${built.index.size.toLocaleString('en')} hashes ` +
    `(${kind}p50 ${pct(wall, 0.5).toFixed(2)} ms, ${queries.length} lookups, radius ${radius}, build ${built.buildSeconds.toFixed(1)} s, CPU ${built.buildCpuSeconds.toFixed(1)} s; ` +
    `CPU p50 ${pct(cpu, 0.5).toFixed(2)} ms, p99 ${pct(cpu, 0.99).toFixed(2)} ms; ${(matches / queries.length).toFixed(1)} matches per lookup; ${loadAverage()})`
  );
}

export function flipped(hex: string, bits: number, rng: Rng): string {
  const digits = hex.split('').map((d) => parseInt(d, 16));
  for (let i = 0; i < bits; i++) {
    const bit = Math.floor(rng() * hex.length * 4);
    digits[bit >> 2] ^= 8 >> (bit & 3);
  }
  return digits.map((d) => d.toString(16)).join('');
}

const randomHex = (rng: Rng) =>
  Array.from({ length: HASH_BITS / 4 }, () => Math.floor(rng() * 16).toString(16)).join('');

/** The q-quantile of the values (nearest rank). */
export function pct(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
