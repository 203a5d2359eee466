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

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to + 1e-9; v += step) out.push(Math.round(v * 100) / 100);
  return out;
}

function score(kb: KnowledgeBase, rows: Array<{ hit?: KbHit; expected?: string[] }>, t: ConfidenceThresholds): Calibration {
  let right = 0;
  let wrong = 0;
  let falseAnswers = 0;
  for (const { hit, expected } of rows) {
    if (!kb.isConfident(hit, t)) continue;
    if (expected === undefined) falseAnswers++;
    else if (expected.includes(hit.entry.title)) right++;
    else wrong++;
  }
  return { thresholds: t, right, wrong, falseAnswers, objective: right - WRONG_COST * (wrong + falseAnswers) };
}

/**
 * Grid search of the confidence thresholds on a labelled split: the best objective (right answers minus WRONG_COST
 * per wrong or unwarranted answer); among equals — a small split leaves a wide plateau — the point closest to
 * `prior` (the thresholds set by hand before), so the split moves them only as far as it has evidence for.
 */
export function calibrateConfidence(kb: KnowledgeBase, set: LabelledQuestion[], prior: ConfidenceThresholds): Calibration {
  const rows = set.map((q) => ({ hit: kb.search(q.question, 1)[0], expected: q.expected }));
  let best: Calibration | undefined;
  for (const minScore of range(3, 10, 0.5)) {
    for (const minCoverage of range(0.2, 0.7, 0.05)) {
      for (const fullCoverageMinScore of range(2, 7, 0.5)) {
        const c = score(kb, rows, { minScore, minCoverage, fullCoverageMinScore });
        if (!best || c.objective > best.objective || (c.objective === best.objective && distance(c, prior) < distance(best, prior))) best = c;
      }
    }
  }
  return best!;
}

/** Distance in grid steps, so a score step and a coverage step weigh the same. */
function distance(c: Calibration, prior: ConfidenceThresholds): number {
  const t = c.thresholds;
  return Math.abs(t.minScore - prior.minScore) / 0.5 + Math.abs(t.minCoverage - prior.minCoverage) / 0.05
    + Math.abs(t.fullCoverageMinScore - prior.fullCoverageMinScore) / 0.5;
}
