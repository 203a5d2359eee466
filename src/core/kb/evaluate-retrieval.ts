import { performance } from 'node:perf_hooks';
import type { KnowledgeBase } from './knowledge-base';

/** One labelled question; `expected` undefined = the KB has no answer, the bot should say it is not sure. */
export interface LabelledQuestion {
  question: string;
  expected?: string;
  line: number;
}

export interface RetrievalReport {
  answerable: number;
  top1: number;
  top3: number;
  /** Answerable questions answered (confident) with the right entry / with a wrong one. */
  confidentRight: number;
  confidentWrong: number;
  unanswerable: number;
  /** Unanswerable questions that got "not sure", as they should. */
  unanswerableUnsure: number;
  latencyMs: { p50: number; p99: number; max: number };
  misses: Array<{ question: string; expected: string; got: string[] }>;
  unknownTitles: string[];
}

/** `question<TAB>expected title` per line, `-` for "no answer", `#` comments (tests/fixtures/qa-eval/questions.tsv). */
export function parseEvalSet(text: string): LabelledQuestion[] {
  const out: LabelledQuestion[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim() || raw.startsWith('#')) return;
    const [question, expected] = raw.split('\t').map((s) => s?.trim());
    if (!question || !expected) throw new Error(`evaluation set line ${i + 1}: expected "question<TAB>title" (or "-"), got "${raw}"`);
    out.push({ question, expected: expected === '-' ? undefined : expected, line: i + 1 });
  });
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;
}

/** Per-question retrieval time (tokenize + BM25 + threshold) over `rounds` passes, so p99 is not two samples. */
function latencies(kb: KnowledgeBase, set: LabelledQuestion[], rounds: number): number[] {
  for (const q of set) kb.search(q.question, 3); // warm-up: first calls pay for JIT, not retrieval
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of set) {
      const start = performance.now();
      kb.isConfident(kb.search(q.question, 3)[0]);
      times.push(performance.now() - start);
    }
  }
  return times.sort((a, b) => a - b);
}

/** Top-1/top-3 accuracy, the confident-answer split, and retrieval latency percentiles. */
export function evaluateRetrieval(kb: KnowledgeBase, set: LabelledQuestion[], rounds = 20): RetrievalReport {
  const report: RetrievalReport = {
    answerable: 0, top1: 0, top3: 0, confidentRight: 0, confidentWrong: 0, unanswerable: 0, unanswerableUnsure: 0,
    latencyMs: { p50: 0, p99: 0, max: 0 }, misses: [], unknownTitles: [],
  };
  for (const q of set) {
    const hits = kb.search(q.question, 3);
    const confident = kb.isConfident(hits[0]);
    if (q.expected === undefined) {
      report.unanswerable++;
      if (!confident) report.unanswerableUnsure++;
      continue;
    }
    if (!kb.byTitle(q.expected)) report.unknownTitles.push(q.expected);
    report.answerable++;
    const right = hits[0]?.entry.title === q.expected;
    if (right) report.top1++;
    else report.misses.push({ question: q.question, expected: q.expected, got: hits.map((h) => h.entry.title) });
    if (hits.some((h) => h.entry.title === q.expected)) report.top3++;
    if (confident) report[right ? 'confidentRight' : 'confidentWrong']++;
  }
  const times = latencies(kb, set, rounds);
  report.latencyMs = { p50: percentile(times, 50), p99: percentile(times, 99), max: times[times.length - 1] ?? 0 };
  return report;
}
