import { normalizeColloquial } from './normalize-colloquial';
import { DOMAIN_TERMS, SYNONYM_GROUPS } from './synonyms';

/**
 * Chinese text → index terms, offline. Domain words (异地就医, 活动证 …) are cut out first, because Intl.Segmenter's
 * general dictionary splits them into single characters; the rest goes through Intl.Segmenter, whose runs of single
 * characters are rejoined. Every piece then yields character bigrams, which survive typos and segmentation slips;
 * bigrams never straddle two words, so "打工/孩子" adds no "工孩" noise. Question words and particles are dropped.
 */
const STOP_CHARS = new Set([...'的了吗呢吧啊呀么嘛哦喔噢咋啥怎什我你他她它们这那哪是有在要想能会可以都也还和与或及对把被让给到从去来过着个一些点下很太该请问嗯不没样谁里儿弄整搞俺咱上先再又才刚']);
const PARTICLE = '了吗呢吧啊呀么嘛哦的着过';
const PARTICLES = new RegExp(`^[${PARTICLE}]+|[${PARTICLE}]+$`, 'g');
const STOP_WORDS = new Set([
  '怎么', '怎么办', '怎么样', '怎样', '如何', '什么', '啥子', '咋个', '咋办', '咋整', '咋弄', '可以', '能不能', '是不是', '有没有',
  '需要', '请问', '一下', '哪里', '哪儿', '哪些', '哪个', '这个', '那个', '我们', '你们', '他们', '自己', '现在', '应该', '知道',
  '还是', '或者', '然后', '就是', '已经', '一个', '一直', '时候', '办理', '问题',
]);
const HAN = /\p{Script=Han}/u;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const DICTIONARY = new RegExp(
  [...new Set([...DOMAIN_TERMS, ...SYNONYM_GROUPS.flatMap(([canon, variants]) => [canon, ...variants])])]
    .filter((w) => [...w].length >= 2 && ![...w].some((c) => STOP_CHARS.has(c)))
    .sort((a, b) => b.length - a.length)
    .join('|'),
  'g',
);

/** Colloquial text in standard words (normalize-colloquial.ts), plus the canonical word of every synonym group it mentions. */
export function expandSynonyms(text: string): string {
  const base = normalizeColloquial(text);
  const extra = SYNONYM_GROUPS.filter(([canon, variants]) => !base.includes(canon) && variants.some((v) => base.includes(v)));
  return extra.length ? `${base} ${extra.map(([canon]) => canon).join(' ')}` : base;
}

/** Splits text the general segmenter sees: multi-character words stand alone, consecutive single Han characters are joined. */
function segmentPieces(text: string, out: string[]): void {
  let run = '';
  const flush = () => { if (run) out.push(run); run = ''; };
  for (const seg of segmenter.segment(text)) {
    const word = seg.segment.replace(PARTICLES, '');
    if (!seg.isWordLike || !word || STOP_WORDS.has(word)) { flush(); continue; }
    if (!HAN.test(word) || [...word].length > 1) { flush(); out.push(word); continue; }
    if (STOP_CHARS.has(word)) flush();
    else run += word;
  }
  flush();
}

function pieces(text: string): string[] {
  const out: string[] = [];
  let last = 0;
  for (const m of text.matchAll(DICTIONARY)) {
    segmentPieces(text.slice(last, m.index), out);
    out.push(m[0]);
    last = (m.index ?? 0) + m[0].length;
  }
  segmentPieces(text.slice(last), out);
  return out;
}

function noise(a: string, b: string): boolean {
  return PARTICLE.includes(a) || PARTICLE.includes(b) || (STOP_CHARS.has(a) && STOP_CHARS.has(b));
}

/**
 * Bigrams of a Han piece. A lone character (转, 报, 税 between particles) is kept as a unigram: indexing unigrams of
 * every word as well measured worse on the evaluation set (common characters add noise).
 */
function bigrams(piece: string): string[] {
  const chars = [...piece];
  if (chars.length === 1) return STOP_CHARS.has(chars[0]) ? [] : [piece];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) if (!noise(chars[i], chars[i + 1])) out.push(chars[i] + chars[i + 1]);
  return out;
}

/** Index terms of a text, with repeats (term frequency matters to BM25). */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  for (const piece of pieces(expandSynonyms(text))) {
    if (!HAN.test(piece)) terms.push(piece);
    else terms.push(...bigrams(piece));
  }
  return terms;
}
