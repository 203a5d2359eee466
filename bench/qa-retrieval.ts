import fs from 'node:fs';
import path from 'node:path';
import { evaluateRetrieval, parseEvalSet } from '../src/core/kb/evaluate-retrieval';
import { KnowledgeBase } from '../src/core/kb/knowledge-base';
import { DEFAULT_KB_DIR } from '../src/runtime/create-answerer';
import type { BenchCase } from './bench-case';

export const QA_EVAL_SET = path.resolve(__dirname, '../tests/fixtures/qa-eval/questions.tsv');
const ROUNDS = 20;
const pct = (n: number, d: number) => `${d ? ((100 * n) / d).toFixed(1) : '0.0'} %`;

/**
 * `npm run eval:qa` — retrieval quality and latency on the labelled member questions (issue 6: ≥ 90 % top-1,
 * p99 < 5 ms). KB_DIR and QA_EVAL_SET point it at another knowledge base and question set.
 */
export const qaRetrieval: BenchCase = {
  name: 'qa-retrieval',
  async run() {
    const kbDir = process.env.KB_DIR ? path.resolve(process.env.KB_DIR) : DEFAULT_KB_DIR;
    const kb = KnowledgeBase.fromDir(kbDir);
    const set = parseEvalSet(fs.readFileSync(process.env.QA_EVAL_SET ?? QA_EVAL_SET, 'utf8'));
    const r = evaluateRetrieval(kb, set, ROUNDS);
    const lines = [
      `knowledge base: ${kb.entries.length} entries (${kbDir}); questions: ${set.length} (${r.answerable} answerable, ${r.unanswerable} not in the KB)`,
      `top-1 accuracy: ${pct(r.top1, r.answerable)} (${r.top1}/${r.answerable})`,
      `top-3 accuracy: ${pct(r.top3, r.answerable)} (${r.top3}/${r.answerable})`,
      `answered with confidence: ${r.confidentRight} right, ${r.confidentWrong} wrong; the rest get "not sure" + the two closest titles`,
      `not-in-KB questions answered "not sure": ${pct(r.unanswerableUnsure, r.unanswerable)} (${r.unanswerableUnsure}/${r.unanswerable})`,
      `retrieval latency: p50 ${r.latencyMs.p50.toFixed(3)} ms, p99 ${r.latencyMs.p99.toFixed(3)} ms, max ${r.latencyMs.max.toFixed(3)} ms (tokenize + BM25 + threshold, one question at a time, ${ROUNDS} passes over the set)`,
    ];
    if (r.unknownTitles.length) lines.push(`WARNING expected titles missing from the KB: ${[...new Set(r.unknownTitles)].join('、')}`);
    for (const m of r.misses) lines.push(`miss: ${m.question} → expected 【${m.expected}】, got ${m.got.map((t) => `【${t}】`).join(' ') || 'nothing'}`);
    return lines;
  },
};
