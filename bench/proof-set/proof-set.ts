import fs from 'node:fs';
import path from 'node:path';
import { renderScene } from './scene';
import { VARIANT_NAMES, VARIANTS } from './variants';

/** Where `npm run gen:proof-set` writes (gitignored). */
export const PROOF_SET_DIR = path.join(__dirname, '..', '..', 'bench-output', 'proof-set');
export const BASE_COUNT = 200;
export const DISTINCT_COUNT = 2000;
const DISTINCT_SEED = 100_000;
/** Scene seeds of set `s` start at s × SET_STRIDE, so two sets never share a photo. */
const SET_STRIDE = 1_000_000;
/**
 * The held-out set: drawn like the default one from other seeds, and never looked at while choosing the fingerprint
 * or the threshold, so the bench's figures on it say how the choice does on photos it was not fitted to.
 */
export const HELD_OUT_SEED = 7;

/** The folder of set `seed`: the default set keeps its old place. */
export const proofSetDir = (seed: number): string => (seed === 0 ? PROOF_SET_DIR : `${PROOF_SET_DIR}-seed-${seed}`);

export interface ProofSetFiles {
  base: string[];
  /** variants[i] = the copies of base[i], one per VARIANT_NAMES entry. */
  variants: Array<Array<{ name: string; file: string }>>;
  distinct: string[];
}

const name = (i: number) => String(i).padStart(4, '0');

/** The set's file names under `dir` (whether or not they exist yet). */
export function proofSetFiles(dir: string, baseCount = BASE_COUNT, distinctCount = DISTINCT_COUNT): ProofSetFiles {
  return {
    base: Array.from({ length: baseCount }, (_, i) => path.join(dir, 'base', `${name(i)}.jpg`)),
    variants: Array.from({ length: baseCount }, (_, i) =>
      VARIANT_NAMES.map((v) => ({
        name: v,
        file: path.join(dir, 'variants', `${name(i)}-${v}.${v === 'png' ? 'png' : 'jpg'}`),
      })),
    ),
    distinct: Array.from({ length: distinctCount }, (_, i) => path.join(dir, 'distinct', `${name(i)}.jpg`)),
  };
}

/**
 * Writes the base photos, their copies and the distinct photos (deterministic: scene seed = set seed × SET_STRIDE +
 * index); skips files present.
 */
export async function generateProofSet(
  dir: string,
  baseCount = BASE_COUNT,
  distinctCount = DISTINCT_COUNT,
  setSeed = 0,
): Promise<ProofSetFiles> {
  const first = setSeed * SET_STRIDE;
  const files = proofSetFiles(dir, baseCount, distinctCount);
  for (const sub of ['base', 'variants', 'distinct']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  const jobs: Array<() => Promise<void>> = [];
  files.base.forEach((file, i) =>
    jobs.push(async () => {
      const bytes = fs.existsSync(file) ? fs.readFileSync(file) : await renderScene(first + i);
      if (!fs.existsSync(file)) fs.writeFileSync(file, bytes);
      for (const v of files.variants[i])
        if (!fs.existsSync(v.file)) fs.writeFileSync(v.file, await VARIANTS[v.name](bytes, first + i));
    }),
  );
  files.distinct.forEach((file, i) =>
    jobs.push(async () => {
      if (!fs.existsSync(file)) fs.writeFileSync(file, await renderScene(first + DISTINCT_SEED + i));
    }),
  );
  await runPool(jobs, 2);
  return files;
}

async function runPool(jobs: Array<() => Promise<void>>, width: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]();
  };
  await Promise.all(Array.from({ length: width }, worker));
}
