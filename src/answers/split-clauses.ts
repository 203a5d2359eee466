import { visibleLength } from '../text/normalize-text';

/** Where members start a second question: a space or punctuation (phones type no commas), or a joining word. */
const BREAK = /[\s,，。;；!！?？]+|还有|另外|顺便问一?下?|再问一?下?|以及/u;
/** Shorter pieces ("咋办", "要钱不") belong to the clause before them. */
const MIN_CLAUSE = 5;

/** A message cut into the questions it may hold; a single question comes back as one clause. */
export function splitClauses(text: string): string[] {
  const out: string[] = [];
  for (const piece of text.split(new RegExp(BREAK.source, 'gu'))) {
    const p = piece.trim();
    if (!p) continue;
    if (out.length > 0 && (visibleLength(p) < MIN_CLAUSE || visibleLength(out[out.length - 1]) < MIN_CLAUSE)) {
      out[out.length - 1] += ` ${p}`;
    } else out.push(p);
  }
  return out;
}
