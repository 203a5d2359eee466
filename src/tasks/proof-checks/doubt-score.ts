import type { ProofDoubt } from './proof-check';

/** How strongly each kind of doubt suggests the proof is not this member's own, new work. */
const WEIGHTS: Record<string, number> = {
  'exact-duplicate': 10,
  'near-duplicate': 8,
  'near-copy-note': 6,
  'taken-before-task': 5,
  'repeated-phrase': 4,
  'missing-keywords': 3,
};
const UNKNOWN_WEIGHT = 3;

/** Orders the review queue: most doubtful first (several doubts add up). */
export function doubtScore(doubts: ProofDoubt[]): number {
  return doubts.reduce((sum, d) => sum + (WEIGHTS[d.code] ?? UNKNOWN_WEIGHT), 0);
}
