/**
 * Everyday and dialect words → the standard Mandarin word the knowledge base is written in. Rewritten before
 * indexing, in questions and KB text alike, so "伢子读书要么子证" is searched as "孩子读书要什么证".
 *
 * Where the lists come from: general lexicon, compiled by hand per dialect area (labelled on each group), never from
 * the phrasing of an evaluation question. The areas are those of the county's members and the places they work:
 * Xiang (湘语, 长沙话), Gan, Southwestern Mandarin (湖北, 四川, 湖南北部), Cantonese/Hakka neighbours, plus general
 * colloquial Mandarin. Only words that mean the same thing in every context are listed; a word that is also a common
 * standard word (好多 "many", 搞 "do", 做事 "work") is left out. Typos are not listed here: pinyin-repair.ts fixes
 * them by sound.
 */
export const COLLOQUIAL_WORDS: ReadonlyArray<readonly [standard: string, variants: readonly string[]]> = [
  // Children: 伢/伢子/细伢子 (Xiang, Gan, Wuhan), 崽/崽伢子 (Xiang, Gan, Hakka), 娃/娃儿/娃子 (Southwestern, Northwestern).
  ['孩子', ['细伢子', '细伢', '伢子', '伢儿', '崽伢子', '崽崽', '娃娃', '娃儿', '娃子', '小孩子', '小孩儿', '小孩', '小娃', '伢', '崽', '娃']],
  // Parents: 老娘/老妈子/老爷子/老头子/娘老子/爹娘 (general colloquial and Xiang).
  ['父母', ['娘老子', '老妈子', '老爷子', '老头子', '老太太', '爹娘', '爹妈', '爸妈', '老娘', '老爹', '老母亲', '老父亲']],
  // Spouse: 堂客 (Xiang, Southwestern), 婆娘 (Southwestern), 媳妇/媳妇儿/老婆/老公/男人 (general colloquial).
  ['配偶', ['媳妇儿', '媳妇', '老婆', '堂客', '婆娘', '老公', '爱人']],
  // Home: 屋里/屋头 "at home" (Xiang, Southwestern).
  ['家里', ['屋里头', '屋头', '屋里']],
  // "How": 咋/咋个/咋样 (Northern, Southwestern), 么样/么办 (Wuhan, Xiang), 怎么弄/怎么搞 (general colloquial).
  ['怎么', ['怎么弄', '怎么搞', '咋个', '咋样', '咋整', '咋弄', '咋搞', '么样', '么办', '咋']],
  // "What": 啥/啥子 (Northern, Southwestern), 么子/莫子/么事 (Xiang, Wuhan).
  ['什么', ['啥子', '么子', '莫子', '么事', '啥']],
  // "Not have": 冇/冇得 (Xiang, Gan, Cantonese, Hakka), 没得 (Southwestern).
  ['没有', ['冇得', '没得', '冇']],
  // "Know": 晓得 (Xiang, Southwestern, Wu).
  ['知道', ['晓得']],
];

/**
 * Sentence-final particles that turn a statement into a yes/no question or soften it: 不/没 (general colloquial:
 * "能报不"), 吗/呢/吧/啊/呀 (standard), 啵/撒/咯/噻/哒/嘞/咧 (Xiang and Southwestern). At the end of a clause they
 * carry no topic, and 不/没 there would otherwise read as a negation.
 */
export const FINAL_PARTICLES = '不没吗呢吧啊呀啵撒咯噻哒嘞咧哦喔啦呗';
