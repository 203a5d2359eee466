import fs from 'node:fs';
import { calibrateConfidence, WRONG_COST } from '../src/answers/evaluation/calibrate-confidence';
import { calibrationSet, parseEvalSet } from '../src/answers/evaluation/evaluate-retrieval';
import { CONFIDENCE, HAND_SET_CONFIDENCE, KnowledgeBase } from '../src/answers/kb/knowledge-base';
import { DEFAULT_KB_DIR } from '../src/answers/create-answerer';
import type { BenchCase } from './bench-case';
import { QA_CALIBRATION_EXTRA, QA_EVAL_SET } from './qa-retrieval';

/**
 * `npx tsx bench/run-all.ts qa-calibrate` — the confidence thresholds that do best on the held-out third of the
 * first question set (the part normalization was not tuned on) plus the questions written for calibration only
 * (not-in-KB ones and messily typed answerable ones).
 * The blind set is not read.
 */
export const qaCalibrate: BenchCase = {
  name: 'qa-calibrate',
  async run() {
    const kb = KnowledgeBase.fromDir(DEFAULT_KB_DIR);
    const read = (file: string) => parseEvalSet(fs.readFileSync(file, 'utf8'));
    const calibrate = calibrationSet(read(QA_EVAL_SET), QA_CALIBRATION_EXTRA.flatMap(read));
    const offKb = calibrate.filter((q) => !q.expected).length;
    const c = calibrateConfidence(kb, calibrate, HAND_SET_CONFIDENCE);
    return [
      `calibration set: ${calibrate.length} questions (${calibrate.length - offKb} answerable, ${offKb} not in the KB); objective = right/answerable − ${WRONG_COST} × wrong/answerable − ${WRONG_COST} × answered/not-in-KB`,
      `best thresholds: ${JSON.stringify(c.thresholds)} → ${c.right} right, ${c.wrong} wrong, ${c.falseAnswers} not-in-KB answered (objective ${c.objective.toFixed(3)})`,
      `hand-set prior: ${JSON.stringify(HAND_SET_CONFIDENCE)}; shipped: ${JSON.stringify(CONFIDENCE)}`,
    ];
  },
};
