import type { LabelledQuestion } from './evaluate-retrieval';
import type { ConfidenceThresholds, KbHit, KnowledgeBase } from '../kb/knowledge-base';

export interface Calibration {
  thresholds: ConfidenceThresholds;
  /** Answerable questions answered with the right entry / a wrong one; unanswerable ones answered anyway. */
  right: number;
  wrong: number;
  falseAnswers: number;
  objective: number;
}

/** A wrong answer (or an answer to what the KB cannot answer) costs this many right ones: "not sure" + 求助 is cheap. */
export const WRONG_COST = 3;

/**
 * Rates, not counts: a calibration split holds as many not-in-KB questions as someone wrote, so with counts its mix
 * would decide how much a false answer weighs. Each class counts as a whole: the share of answerable questions answered
 * right, minus WRONG_COST × the share answered wrongly, minus WRONG_COST × the share of not-in-KB questions answered.
 */
function objective(
  right: number,
  wrong: number,
  falseAnswers: number,
  answerable: number,
  unanswerable: number,
): number {
  const rate = (n: number, d: number) => (d ? n / d : 0);
  return rate(right - WRONG_COST * wrong, answerable) - WRONG_COST * rate(falseAnswers, unanswerable);
}

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to + 1e-9; v += step) out.push(Math.round(v * 100) / 100);
  return out;
}

function score(
  kb: KnowledgeBase,
  rows: Array<{ hit?: KbHit; expected?: string[] }>,
  t: ConfidenceThresholds,
): Calibration {
  let right = 0;
  let wrong = 0;
  let falseAnswers = 0;
  const unanswerable = rows.filter((r) => r.expected === undefined).length;
  for (const { hit, expected } of rows) {
    if (!kb.isConfident(hit, t)) continue;
    if (expected === undefined) falseAnswers++;
    else if (expected.includes(hit.entry.title)) right++;
    else wrong++;
  }
  const objectiveValue = objective(right, wrong, falseAnswers, rows.length - unanswerable, unanswerable);
  return { thresholds: t, right, wrong, falseAnswers, objective: objectiveValue };
}

/**
 * Grid search of the confidence thresholds on a labelled split: the best objective (see `objective`); among equals —
 * a small split leaves a wide plateau — the point closest to `prior` (the thresholds set by hand before), so the
 * split moves them only as far as it has evidence for.
 */
export function calibrateConfidence(
  kb: KnowledgeBase,
  set: LabelledQuestion[],
  prior: ConfidenceThresholds,
): Calibration {
  const rows = set.map((q) => ({ hit: kb.search(q.question, 1)[0], expected: q.expected }));
  let best: Calibration | undefined;
  for (const minScore of range(3, 10, 0.5)) {
    for (const minCoverage of range(0.2, 0.7, 0.05)) {
      for (const fullCoverageMinScore of range(2, 7, 0.5)) {
        const c = score(kb, rows, { minScore, minCoverage, fullCoverageMinScore });
        if (!best || better(c, best, prior)) best = c;
      }
    }
  }
  return best!;
}

/** Rates are fractions: equal objectives may differ in the last bit, which must not decide. */
function better(c: Calibration, best: Calibration, prior: ConfidenceThresholds): boolean {
  if (Math.abs(c.objective - best.objective) > 1e-9) return c.objective > best.objective;
  return distance(c, prior) < distance(best, prior);
}

/** Distance in grid steps, so a score step and a coverage step weigh the same. */
function distance(c: Calibration, prior: ConfidenceThresholds): number {
  const t = c.thresholds;
  return (
    Math.abs(t.minScore - prior.minScore) / 0.5 +
    Math.abs(t.minCoverage - prior.minCoverage) / 0.05 +
    Math.abs(t.fullCoverageMinScore - prior.fullCoverageMinScore) / 0.5
  );
}
