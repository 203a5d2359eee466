import fs from 'node:fs';
import { QA_EVAL_SET } from '../../bench/qa-retrieval';
import { evaluateRetrieval, parseEvalSet } from '../../src/answers/evaluation/evaluate-retrieval';
import { KnowledgeBase } from '../../src/answers/kb/knowledge-base';
import { DEFAULT_KB_DIR } from '../../src/answers/create-answerer';

/**
 * Retrieval quality on labelled member questions (tests/fixtures/qa-eval/questions.tsv), the same set `npm run
 * eval:qa` reports on. The bars are the (≥ 90 % top-1) plus what keeps "not sure" honest.
 */
describe('retrieval quality on the labelled member questions', () => {
  const kb = KnowledgeBase.fromDir(DEFAULT_KB_DIR);
  const set = parseEvalSet(fs.readFileSync(QA_EVAL_SET, 'utf8'));
  const report = evaluateRetrieval(kb, set);

  test('the set is large enough and every label names a real entry', () => {
    expect(report.answerable).toBeGreaterThanOrEqual(120);
    expect(report.unknownTitles).toEqual([]);
    // Every entry of the shipped KB is asked about at least once.
    const asked = new Set(set.flatMap((q) => q.expected ?? []));
    expect(kb.entries.filter((e) => !asked.has(e.title)).map((e) => e.title)).toEqual([]);
  });

  test('top-1 ≥ 90 % and top-3 ≥ 95 %', () => {
    const top1 = report.top1 / report.answerable;
    const top3 = report.top3 / report.answerable;
    process.stdout.write(
      `qa-eval: top-1 ${(top1 * 100).toFixed(1)} % (${report.top1}/${report.answerable}), top-3 ${(top3 * 100).toFixed(1)} %, confident right ${report.confidentRight}, confident wrong ${report.confidentWrong}\n`,
    );
    expect(top1).toBeGreaterThanOrEqual(0.9);
    expect(top3).toBeGreaterThanOrEqual(0.95);
  });

  test('confident answers are nearly always right, and most questions get one', () => {
    expect(report.confidentWrong).toBeLessThanOrEqual(Math.ceil(report.answerable * 0.05));
    expect(report.confidentRight).toBeGreaterThanOrEqual(Math.ceil(report.answerable * 0.8));
  });

  test('questions the KB cannot answer mostly get "not sure"', () => {
    expect(report.unanswerable).toBeGreaterThanOrEqual(15);
    expect(report.unanswerableUnsure / report.unanswerable).toBeGreaterThanOrEqual(0.85);
  });

  test('an entry title sent as a question finds that entry with confidence (the "not sure" reply suggests this)', () => {
    for (const e of kb.entries) {
      const [top] = kb.search(e.title, 1);
      expect({ title: e.title, top: top?.entry.title, confident: kb.isConfident(top) }).toEqual({
        title: e.title,
        top: e.title,
        confident: true,
      });
    }
  });
});
