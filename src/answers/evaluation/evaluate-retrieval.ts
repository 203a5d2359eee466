import { performance } from 'node:perf_hooks';
import type { KnowledgeBase } from '../kb/knowledge-base';

/** One labelled question; `expected` undefined = the KB has no answer, the bot should not answer it. */
export interface LabelledQuestion {
  question: string;
  /** Entry titles that answer it: more than one when the message asks two things ("A|B" in the file). */
  expected?: string[];
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
  /** The same calls in process CPU time: on a shared, loaded machine wall time also counts waiting for a core. */
  cpuMs: { p50: number; p99: number; max: number };
  misses: Array<{ question: string; expected: string; got: string[] }>;
  /** Unanswerable questions answered with confidence anyway. */
  falseAnswers: Array<{ question: string; got: string }>;
  unknownTitles: string[];
}

/** `question<TAB>title` per line (`A|B` for either of two entries, `-` for "no answer"), `#` comments. */
export function parseEvalSet(text: string): LabelledQuestion[] {
  const out: LabelledQuestion[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim() || raw.startsWith('#')) return;
    const [question, expected] = raw.split('\t').map((s) => s?.trim());
    if (!question || !expected)
      throw new Error(`evaluation set line ${i + 1}: expected "question<TAB>title" (or "-"), got "${raw}"`);
    out.push({
      question,
      expected: expected === '-' ? undefined : expected.split('|').map((t) => t.trim()),
      line: i + 1,
    });
  });
  return out;
}

/**
 * The tuning set is cut in two: every third question is held out to calibrate the confidence threshold, the rest is
 * what normalization and ranking may be tuned on (npm run eval:qa prints misses of the tuning part only).
 */
export function splitForCalibration(set: LabelledQuestion[]): {
  tune: LabelledQuestion[];
  calibrate: LabelledQuestion[];
} {
  return { tune: set.filter((_, i) => i % 3 !== 2), calibrate: set.filter((_, i) => i % 3 === 2) };
}

/**
 * What the confidence threshold is calibrated on: the held-out third plus questions written for calibration only —
 * the third alone holds too few not-in-KB questions to say where "not sure" starts, and is typed more tidily than
 * members type, which makes a high threshold look cheap.
 */
export function calibrationSet(first: LabelledQuestion[], extra: LabelledQuestion[]): LabelledQuestion[] {
  return [...splitForCalibration(first).calibrate, ...extra];
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;
}

/** Per-question retrieval time (tokenize + BM25 + threshold) over `rounds` passes, so p99 is not two samples. */
function latencies(kb: KnowledgeBase, set: LabelledQuestion[], rounds: number): { wall: number[]; cpu: number[] } {
  for (const q of set) kb.search(q.question, 3); // warm-up: first calls pay for JIT, not retrieval
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of set) {
      const start = performance.now();
      const startCpu = process.cpuUsage();
      kb.isConfident(kb.search(q.question, 3)[0]);
      const used = process.cpuUsage(startCpu);
      wall.push(performance.now() - start);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  return { wall: wall.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b) };
}

function summary(sorted: number[]): { p50: number; p99: number; max: number } {
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? 0 };
}

/** Top-1/top-3 accuracy, the confident-answer split, and retrieval latency percentiles. */
export function evaluateRetrieval(kb: KnowledgeBase, set: LabelledQuestion[], rounds = 20): RetrievalReport {
  const report: RetrievalReport = {
    answerable: 0,
    top1: 0,
    top3: 0,
    confidentRight: 0,
    confidentWrong: 0,
    unanswerable: 0,
    unanswerableUnsure: 0,
    latencyMs: { p50: 0, p99: 0, max: 0 },
    cpuMs: { p50: 0, p99: 0, max: 0 },
    misses: [],
    falseAnswers: [],
    unknownTitles: [],
  };
  for (const q of set) {
    const hits = kb.search(q.question, 3);
    const confident = kb.isConfident(hits[0]);
    if (q.expected === undefined) {
      report.unanswerable++;
      if (!confident) report.unanswerableUnsure++;
      else report.falseAnswers.push({ question: q.question, got: hits[0].entry.title });
      continue;
    }
    report.unknownTitles.push(...q.expected.filter((t) => !kb.byTitle(t)));
    report.answerable++;
    const right = q.expected.includes(hits[0]?.entry.title ?? '');
    if (right) report.top1++;
    else
      report.misses.push({ question: q.question, expected: q.expected.join('|'), got: hits.map((h) => h.entry.title) });
    if (hits.some((h) => q.expected!.includes(h.entry.title))) report.top3++;
    if (confident) report[right ? 'confidentRight' : 'confidentWrong']++;
  }
  const { wall, cpu } = latencies(kb, set, rounds);
  report.latencyMs = summary(wall);
  report.cpuMs = summary(cpu);
  return report;
}
