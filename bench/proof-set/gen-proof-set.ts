import { generateProofSet, PROOF_SET_DIR } from './proof-set';

/** `npm run gen:proof-set`: the near-duplicate bench's photos, generated (never downloaded) into a gitignored folder. */
const started = Date.now();
generateProofSet(PROOF_SET_DIR).then(
  (files) => {
    const copies = files.variants.reduce((n, v) => n + v.length, 0);
    console.log(
      `${files.base.length} base photos, ${copies} copies, ${files.distinct.length} distinct photos in ${PROOF_SET_DIR} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  },
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
