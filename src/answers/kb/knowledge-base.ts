import { normalizeText } from '../../text/normalize-text';
import { Bm25Index, type FieldWeight } from './bm25-index';
import type { KbEntry } from './kb-entry';
import { loadKb } from './load-kb';

export interface KbHit {
  entry: KbEntry;
  score: number;
  coverage: number;
  /** The question is this entry's title or one of its similar questions, word for word. */
  exact?: boolean;
}

/** Title-or-similar-question lookup key: punctuation, spaces and width differences do not count. */
function exactKey(text: string): string {
  return normalizeText(text).toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
}

/** Titles say what an entry is about; similar questions say how members ask; answers add the long tail. */
const FIELDS: Record<string, FieldWeight> = {
  title: { weight: 3, b: 0.5 },
  similar: { weight: 2, b: 0.5 },
  answer: { weight: 0.6, b: 0.75 },
};

export interface ConfidenceThresholds {
  minScore: number;
  minCoverage: number;
  fullCoverageMinScore: number;
}

/**
 * When an answer is shown rather than "not sure": a right top hit matches a good share of the question's
 * informative words and scores clearly above noise; out-of-scope questions match one or two common words. A short
 * keyword query ("居住证", "医保转移") scores lower but matches completely, so full coverage needs a lower score.
 * CONFIDENCE is calibrated with `npx tsx bench/run-all.ts qa-calibrate` on the held-out third of
 * tests/fixtures/qa-eval/questions.tsv plus the calibration-*.tsv questions beside it (never on the blind set),
 * starting from the hand-set values; see calibrate-confidence.ts for the objective.
 */
export const HAND_SET_CONFIDENCE: ConfidenceThresholds = { minScore: 7, minCoverage: 0.4, fullCoverageMinScore: 4 };
export const CONFIDENCE: ConfidenceThresholds = { minScore: 9.5, minCoverage: 0.4, fullCoverageMinScore: 4 };

/**
 * Below this share of the question's informative words, the best entry is not even near: the question is off-topic
 * ("给我讲个笑话") and gets a polite decline instead of a list of unrelated titles.
 */
export const NEAR_MIN_COVERAGE = 0.3;

/** One loaded, indexed knowledge base. Immutable: reloading builds a new one and swaps it in whole. */
export class KnowledgeBase {
  private built: Bm25Index | undefined;
  private readonly exact = new Map<string, number>();

  constructor(readonly entries: readonly KbEntry[]) {
    // Later entries never take over an earlier entry's title; titles win over similar questions.
    entries.forEach((e, i) => { if (!this.exact.has(exactKey(e.title))) this.exact.set(exactKey(e.title), i); });
    entries.forEach((e, i) => e.similar.forEach((q) => { if (!this.exact.has(exactKey(q))) this.exact.set(exactKey(q), i); }));
  }

  /**
   * Built on the first question, not at start: tokenizing every entry was ~200 ms of the bot's start-up CPU and
   * 12 MB of its resident memory, and a bot can run for hours before anyone asks; that first question pays it instead. Parsing stays eager, so a malformed file still stops start-up (or a
   * reload) with its file and line.
   */
  private get index(): Bm25Index {
    return (this.built ??= new Bm25Index(this.entries.map((e) => ({
      fields: { title: e.title, similar: e.similar.join('；'), answer: e.answer },
    })), FIELDS));
  }

  static fromDir(dir: string): KnowledgeBase {
    return new KnowledgeBase(loadKb(dir));
  }

  /** Best entries first. A question that is an entry's title or similar question word for word puts that entry first. */
  search(question: string, limit = 3): KbHit[] {
    const hits: KbHit[] = this.index.search(question, limit).map((h) => ({ entry: this.entries[h.doc], score: h.score, coverage: h.coverage }));
    const doc = this.exact.get(exactKey(question));
    if (doc === undefined) return hits;
    const entry = this.entries[doc];
    const found = hits.find((h) => h.entry === entry);
    const top: KbHit = { entry, score: found?.score ?? CONFIDENCE.minScore, coverage: found?.coverage ?? 1, exact: true };
    return [top, ...hits.filter((h) => h.entry !== entry)].slice(0, limit);
  }

  isConfident(hit: KbHit | undefined, t: ConfidenceThresholds = CONFIDENCE): hit is KbHit {
    if (hit === undefined) return false;
    if (hit.exact) return true;
    if (hit.coverage >= 0.99 && hit.score >= t.fullCoverageMinScore) return true;
    return hit.score >= t.minScore && hit.coverage >= t.minCoverage;
  }

  /** Worth offering as "closest" (a numbered suggestion) even when not confident. */
  isNear(hit: KbHit | undefined): hit is KbHit {
    return hit !== undefined && (hit.exact === true || hit.coverage >= NEAR_MIN_COVERAGE);
  }

  byTitle(title: string): KbEntry | undefined {
    return this.entries.find((e) => e.title === title);
  }
}
