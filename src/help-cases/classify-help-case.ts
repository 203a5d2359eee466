import type { Category } from '../answers/kb/category';
import type { KnowledgeBase } from '../answers/kb/knowledge-base';

/** Words that name the area outright, for texts the KB does not match. Checked in this order. */
const KEYWORDS: Array<[Category, RegExp]> = [
  [
    'schooling',
    /上学|入学|读书|念书|学校|小学|初中|高中|学籍|转学|幼儿园|中考|高考|学费|助学|孩子|子女|儿子|女儿|娃|伢/,
  ],
  ['medical', /医|病|住院|药|备案|报销|生育|手术|体检/],
  ['jobs', /工作|工资|工钱|欠薪|老板|失业|就业|劳动|合同|工伤|社保|养老|培训|招聘|辞退|加班|厂|工地|打工|上班/],
];

/** Hits weaker than this say little about the area of a text. */
const MIN_SCORE = 3;
const VOTES = 5;

/**
 * The category of a help request. The closest KB entries vote with their scores (a help request mixes details —
 * a phone number, a place — that a single best hit can be pulled away by); with no usable hits, the first area whose
 * words it uses; else 其他. A secretary can correct it with `分类 H<n> <分类>`.
 */
export function classifyHelpCase(text: string, kb: KnowledgeBase): Category {
  const votes = new Map<Category, number>();
  for (const hit of kb.search(text, VOTES)) {
    if (hit.score < MIN_SCORE || !hit.entry.category) continue;
    votes.set(hit.entry.category, (votes.get(hit.entry.category) ?? 0) + hit.score);
  }
  const best = [...votes].sort((a, b) => b[1] - a[1])[0];
  if (best && best[0] !== 'other') return best[0];
  return KEYWORDS.find(([, re]) => re.test(text))?.[0] ?? best?.[0] ?? 'other';
}
