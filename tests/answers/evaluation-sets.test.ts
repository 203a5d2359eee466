import fs from 'node:fs';
import pino from 'pino';
import { QA_BLIND_SET, QA_CALIBRATION_EXTRA, QA_EVAL_SET } from '../../bench/qa-retrieval';
import { calibrateConfidence } from '../../src/answers/evaluation/calibrate-confidence';
import { calibrationSet, parseEvalSet, splitForCalibration } from '../../src/answers/evaluation/evaluate-retrieval';
import { KbHolder } from '../../src/answers/kb/kb-holder';
import { CONFIDENCE, HAND_SET_CONFIDENCE } from '../../src/answers/kb/knowledge-base';
import { evaluateEndToEnd } from '../../src/answers/evaluation/evaluate-end-to-end';
import { QuestionAnswerer } from '../../src/answers/question-answerer';
import { DEFAULT_KB_DIR } from '../../src/answers/create-answerer';

const qa = new QuestionAnswerer(new KbHolder(DEFAULT_KB_DIR), pino({ level: 'silent' }));
const kb = qa.kb.current;
const first = parseEvalSet(fs.readFileSync(QA_EVAL_SET, 'utf8'));
const blind = parseEvalSet(fs.readFileSync(QA_BLIND_SET, 'utf8'));
const [extraOffKb, extraColloquial] = QA_CALIBRATION_EXTRA.map((f) => parseEvalSet(fs.readFileSync(f, 'utf8')));
const extra = [...extraOffKb, ...extraColloquial];

describe('the two evaluation sets', () => {
  test('the blind set has ≥ 150 questions, a fair share unanswerable, and every label names a real entry', () => {
    expect(blind.length).toBeGreaterThanOrEqual(150);
    expect(blind.filter((q) => !q.expected).length).toBeGreaterThanOrEqual(30);
    expect(blind.flatMap((q) => q.expected ?? []).filter((t) => !kb.byTitle(t))).toEqual([]);
  });

  test('"A|B" labels accept either entry (two questions in one)', () => {
    expect(parseEvalSet('居住证怎么办 党费咋交\t居住证怎么办理|流动党员怎么交党费\n')[0].expected).toEqual([
      '居住证怎么办理',
      '流动党员怎么交党费',
    ]);
  });

  test('the calibration third and the tuning part do not overlap and cover the set', () => {
    const { tune, calibrate } = splitForCalibration(first);
    expect(tune.length + calibrate.length).toBe(first.length);
    expect(calibrate.some((q) => tune.includes(q))).toBe(false);
  });

  test('the calibration side has ≥ 60 extra not-in-KB questions, none of them in the tuning or the blind set', () => {
    expect(extraOffKb.length).toBeGreaterThanOrEqual(60);
    expect(extraOffKb.filter((q) => q.expected !== undefined)).toEqual([]);
    expect(extraColloquial.flatMap((q) => q.expected ?? ['-']).filter((t) => !kb.byTitle(t))).toEqual([]);
    const elsewhere = new Set([...first, ...blind].map((q) => q.question));
    expect(extra.filter((q) => elsewhere.has(q.question))).toEqual([]);
  });

  test('the shipped confidence thresholds are what the calibration set gives, starting from the hand-set ones', () => {
    expect(calibrateConfidence(kb, calibrationSet(first, extra), HAND_SET_CONFIDENCE).thresholds).toEqual(CONFIDENCE);
  });

  test('end to end: a greeting is not routed, an off-topic question is declined, a question is answered', async () => {
    const r = await evaluateEndToEnd(qa, parseEvalSet('谢谢\t-\n给我讲个笑话\t-\n居主证怎么办\t居住证怎么办理\n'));
    expect(r).toEqual({ answerable: 1, answeredRight: 1, unanswerable: 2, declined: 2, politeDecline: 1 });
  });
});
