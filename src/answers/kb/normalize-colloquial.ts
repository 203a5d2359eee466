import { normalizeText } from '../../text/normalize-text';
import { COLLOQUIAL_WORDS, FINAL_PARTICLES } from './colloquial-words';
import { PinyinRepair } from './pinyin-repair';
import { PLACE_WORDS } from './place-words';
import { DOMAIN_TERMS, SYNONYM_GROUPS } from './synonyms';

let repairer: PinyinRepair | undefined;

/** The domain vocabulary typos are repaired towards: the KB's own terms and their everyday names (built on first use). */
function vocabularyRepair(): PinyinRepair {
  return (repairer ??= new PinyinRepair([...DOMAIN_TERMS, ...SYNONYM_GROUPS.flatMap(([canon, variants]) => [canon, ...variants])]));
}

const STANDARD = new Map(COLLOQUIAL_WORDS.flatMap(([standard, variants]) => variants.map((v) => [v, standard] as const)));
/** 么样/么子 are whole words only when 么 does not end 怎么/什么/这么/那么/多么. */
const COLLOQUIAL = new RegExp([...STANDARD.keys()].sort((a, b) => b.length - a.length)
  .map((w) => (w.startsWith('么') ? `(?<![怎什这那多])${w}` : w)).join('|'), 'g');
/** A particle closing a clause (end of text, space or punctuation), after at least one Han character. */
const CLAUSE_END_PARTICLES = new RegExp(`(\\p{Script=Han})[${FINAL_PARTICLES}]+(?=$|[\\s\\p{P}\\p{S}])`, 'gu');

/**
 * Text as members type it → the words the KB is written in, for matching only (what people wrote is kept verbatim
 * elsewhere): half-width and lower case, place names removed (they say nothing about which entry answers), pinyin
 * slips repaired by sound, dialect words in standard Mandarin, clause-final particles dropped.
 */
export function normalizeColloquial(text: string): string {
  const base = normalizeText(text).toLowerCase().replace(PLACE_WORDS, ' ');
  return vocabularyRepair().repair(base)
    .replace(COLLOQUIAL, (w) => STANDARD.get(w) ?? w)
    .replace(CLAUSE_END_PARTICLES, '$1');
}
