import { tokenize } from './tokenize';

/** A document split into weighted fields (title, similar questions, answer). */
export interface FieldedDoc {
  fields: Record<string, string>;
}

export interface FieldWeight {
  weight: number;
  /** Length normalization (BM25 b) for this field. */
  b: number;
}

export interface Bm25Hit {
  doc: number;
  score: number;
  /** Share of the question's informative weight (idf) that this document matches, 0–1. */
  coverage: number;
}

const K1 = 1.2;

/**
 * BM25F (field-weighted BM25): per-field term frequencies are length-normalized and weighted before saturation,
 * so a word in a title counts more than the same word deep in an answer, and long answers do not win by size.
 */
export class Bm25Index {
  private readonly tf: Array<Map<string, number>> = [];
  private readonly df = new Map<string, number>();
  private readonly idfUnseen: number;

  constructor(docs: FieldedDoc[], private readonly weights: Record<string, FieldWeight>) {
    const perField = docs.map((d) => Object.fromEntries(Object.keys(weights).map((f) => [f, tokenize(d.fields[f] ?? '')])));
    const avg = Object.fromEntries(Object.keys(weights).map((f) => [f, mean(perField.map((p) => p[f].length)) || 1]));
    for (const fields of perField) {
      const combined = new Map<string, number>();
      for (const [field, terms] of Object.entries(fields)) {
        const { weight, b } = weights[field];
        const norm = 1 - b + (b * terms.length) / avg[field];
        for (const term of terms) combined.set(term, (combined.get(term) ?? 0) + weight / norm);
      }
      this.tf.push(combined);
      for (const term of combined.keys()) this.df.set(term, (this.df.get(term) ?? 0) + 1);
    }
    // A word no entry contains still counts against confidence, as much as the rarest word that does.
    this.idfUnseen = this.idf(1);
  }

  get size(): number {
    return this.tf.length;
  }

  private idf(df: number): number {
    const n = this.tf.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Best `limit` documents for the query, highest score first; documents matching nothing are left out. */
  search(query: string, limit: number): Bm25Hit[] {
    const terms = [...new Set(tokenize(query))];
    const idfs = terms.map((t) => (this.df.has(t) ? this.idf(this.df.get(t)!) : this.idfUnseen));
    const total = idfs.reduce((a, b) => a + b, 0);
    const hits: Bm25Hit[] = [];
    this.tf.forEach((tf, doc) => {
      let score = 0;
      let matched = 0;
      terms.forEach((term, i) => {
        const f = tf.get(term);
        if (!f) return;
        score += (idfs[i] * f * (K1 + 1)) / (f + K1);
        matched += idfs[i];
      });
      if (score > 0) hits.push({ doc, score, coverage: total ? matched / total : 0 });
    });
    return hits.sort((a, b) => b.score - a.score || a.doc - b.doc).slice(0, limit);
  }
}

function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}
