import { BASE_COUNT, DISTINCT_COUNT, generateProofSet, proofSetDir } from './proof-set';

/**
 * `npm run gen:proof-set`: the near-duplicate bench's photos, generated (never downloaded) into a gitignored folder.
 * `PROOF_SET_SEED=7` makes the held-out set instead (any other number: another set, in its own folder).
 */
const seed = Number(process.env.PROOF_SET_SEED ?? 0);
const started = Date.now();
generateProofSet(proofSetDir(seed), BASE_COUNT, DISTINCT_COUNT, seed).then(
  (files) => {
    const copies = files.variants.reduce((n, v) => n + v.length, 0);
    console.log(
      `${files.base.length} base photos, ${copies} copies, ${files.distinct.length} distinct photos in ${proofSetDir(seed)} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  },
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
