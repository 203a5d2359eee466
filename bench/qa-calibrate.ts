import fs from 'node:fs';
import { calibrateConfidence, WRONG_COST } from '../src/answers/evaluation/calibrate-confidence';
import { parseEvalSet, splitForCalibration } from '../src/answers/evaluation/evaluate-retrieval';
import { CONFIDENCE, HAND_SET_CONFIDENCE, KnowledgeBase } from '../src/answers/kb/knowledge-base';
import { DEFAULT_KB_DIR } from '../src/answers/create-answerer';
import type { BenchCase } from './bench-case';
import { QA_EVAL_SET } from './qa-retrieval';

/**
 * `npx tsx bench/run-all.ts qa-calibrate` — the confidence thresholds that do best on the held-out third of the
 * first question set (the part normalization was not tuned on). The blind set is not read.
 */
export const qaCalibrate: BenchCase = {
  name: 'qa-calibrate',
  async run() {
    const kb = KnowledgeBase.fromDir(DEFAULT_KB_DIR);
    const { calibrate } = splitForCalibration(parseEvalSet(fs.readFileSync(QA_EVAL_SET, 'utf8')));
    const c = calibrateConfidence(kb, calibrate, HAND_SET_CONFIDENCE);
    return [
      `calibration split: ${calibrate.length} questions; objective = right − ${WRONG_COST} × (wrong + answered-but-not-in-KB)`,
      `best thresholds: ${JSON.stringify(c.thresholds)} → ${c.right} right, ${c.wrong} wrong, ${c.falseAnswers} not-in-KB answered (objective ${c.objective})`,
      `hand-set prior: ${JSON.stringify(HAND_SET_CONFIDENCE)}; shipped: ${JSON.stringify(CONFIDENCE)}`,
    ];
  },
};
