import { calibrateConfidence } from '../../src/answers/evaluation/calibrate-confidence';
import type { LabelledQuestion } from '../../src/answers/evaluation/evaluate-retrieval';
import { KnowledgeBase, HAND_SET_CONFIDENCE, type KbHit } from '../../src/answers/kb/knowledge-base';

/** A knowledge base whose top hit for each question is fixed, so only the objective decides. */
function fakeKb(hits: Record<string, KbHit>): KnowledgeBase {
  const kb = Object.create(KnowledgeBase.prototype) as KnowledgeBase;
  kb.search = (question: string) => (hits[question] ? [hits[question]] : []);
  return kb;
}

const entry = (title: string) => ({ title }) as KbHit['entry'];
const hit = (title: string, score: number, coverage: number): KbHit => ({ entry: entry(title), score, coverage });

// Ten answerable questions that score like the one not-in-KB question: answering all or declining all are the choices.
const hits: Record<string, KbHit> = { 离婚抚养费给几多: hit('留守儿童在老家没人照顾怎么办', 11.6, 0.66) };
const answerable: LabelledQuestion[] = [];
for (let i = 0; i < 10; i++) {
  hits[`问题${i}`] = hit(`条目${i}`, 11.5, 0.65);
  answerable.push({ question: `问题${i}`, expected: [`条目${i}`], line: i + 1 });
}
const offKb = (n: number): LabelledQuestion[] =>
  Array.from({ length: n }, (_, i) => ({ question: '离婚抚养费给几多', line: 100 + i }));

describe('calibrating the confidence thresholds', () => {
  test('the choice does not depend on how many not-in-KB questions the split happens to hold', () => {
    const kb = fakeKb(hits);
    const one = calibrateConfidence(kb, [...answerable, ...offKb(1)], HAND_SET_CONFIDENCE);
    const five = calibrateConfidence(kb, [...answerable, ...offKb(5)], HAND_SET_CONFIDENCE);
    expect(five.thresholds).toEqual(one.thresholds);
    expect(five.objective).toBeCloseTo(one.objective);
  });

  test('answering every not-in-KB question costs as much as answering every answerable one wrongly', () => {
    const kb = fakeKb(hits);
    // Answering all: 10/10 right, but the off-KB question is answered too; declining all: nothing right, nothing false.
    const c = calibrateConfidence(kb, [...answerable, ...offKb(1)], HAND_SET_CONFIDENCE);
    expect(c.falseAnswers).toBe(0);
    expect(c.right).toBe(0);
  });
});
