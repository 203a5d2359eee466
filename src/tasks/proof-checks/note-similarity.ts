import { normalizeText } from '../../text/normalize-text';

/** Letters and digits only, lower case: punctuation, spaces and emoji do not make two notes different. */
export function compactText(text: string): string {
  return normalizeText(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** Character n-grams (shingles) of the compacted text; Chinese has no spaces, so words are not needed. */
export function shingles(text: string, n = 3): Set<string> {
  const compact = compactText(text);
  const out = new Set<string>();
  // Nearly every note is in the Basic Multilingual Plane, where a character is one UTF-16 unit and a substring is
  // the n-gram itself; only surrogate pairs need the slower split into code points.
  if (!/[\uD800-\uDFFF]/.test(compact)) {
    for (let i = 0; i + n <= compact.length; i++) out.add(compact.substring(i, i + n));
    return out;
  }
  const chars = [...compact];
  for (let i = 0; i + n <= chars.length; i++) out.add(chars.slice(i, i + n).join(''));
  return out;
}

/** Jaccard similarity of two shingle sets: shared shingles over all shingles (0 = nothing shared, 1 = the same). */
export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return shared / (a.size + b.size - shared);
}

export interface RepeatedPhrase {
  phrase: string;
  times: number;
  /** Share of the note's characters the repeats cover. */
  coverage: number;
}

/** How often `phrase` occurs without overlapping itself. */
function countApart(text: string, phrase: string): number {
  let times = 0;
  for (let i = text.indexOf(phrase); i >= 0; i = text.indexOf(phrase, i + phrase.length)) times++;
  return times;
}

/**
 * The phrase (2–16 characters, seen 3+ times) whose repeats cover most of the note, shortest first on a tie.
 * 「认真学习」×13 covers all of it; an honest note that says 学习 five times in 60 characters covers a sixth.
 */
export function mostRepeatedPhrase(text: string): RepeatedPhrase | undefined {
  const chars = [...compactText(text)];
  const joined = chars.join('');
  let best: RepeatedPhrase | undefined;
  for (let len = 2; len <= 16 && len * 3 <= chars.length; len++) {
    const seen = new Map<string, number>();
    for (let i = 0; i + len <= chars.length; i++) {
      const key = chars.slice(i, i + len).join('');
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    for (const [phrase, upTo] of seen) {
      // Overlapping counts are an upper bound: only a phrase that could beat the best is counted exactly.
      if (upTo < 3 || (best && (upTo * len) / chars.length <= best.coverage)) continue;
      const times = countApart(joined, phrase);
      const coverage = (times * [...phrase].length) / chars.length;
      if (times >= 3 && (!best || coverage > best.coverage)) best = { phrase, times, coverage };
    }
  }
  return best;
}
