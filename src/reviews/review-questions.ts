import type { Review, ReviewQuestion, ReviewStep } from './review';

/** The admin's questions at most: with the two measured ones a review stays at ten questions or fewer. */
export const MAX_CUSTOM_QUESTIONS = 8;
/** Options are answered by number in chat, 1 to 9. */
export const MAX_OPTIONS = 9;
const TITLE_MAX = 60;
const OPTION_MAX = 20;
const TEXT_WORDS = /^(?:文字|文本|填空|意见建议)$/u;

export type ParsedQuestions = { ok: true; questions: ReviewQuestion[] | undefined } | { ok: false; error: string };

/** One `题目｜选项1/选项2/…` or `题目｜文字` (full- or half-width ｜, options split by / ／ ， , 、). */
function parseOne(line: string): ReviewQuestion | string {
  const bar = line.search(/[｜|]/u);
  if (bar < 0) return `问题「${line}」缺少选项：写成 问题：题目｜选项1/选项2，或 问题：题目｜文字`;
  const title = line.slice(0, bar).trim();
  const rest = line.slice(bar + 1).trim();
  if (!title) return `问题「${line}」缺少题目`;
  if ([...title].length > TITLE_MAX) return `题目「${title}」太长了（最多 ${TITLE_MAX} 个字）`;
  if (!rest) return `问题「${title}」没有写选项`;
  if (TEXT_WORDS.test(rest)) return { kind: 'text', title };
  const options = rest.split(/[/／,，、]/u).map((o) => o.trim());
  if (options.some((o) => !o)) return `问题「${title}」有空的选项，请检查分隔符`;
  if (options.length < 2) return `问题「${title}」至少要有两个选项（或写「文字」作为填空题）`;
  if (options.length > MAX_OPTIONS) return `问题「${title}」最多 ${MAX_OPTIONS} 个选项`;
  const dup = options.find((o, i) => options.indexOf(o) !== i);
  if (dup) return `问题「${title}」的选项「${dup}」重复`;
  const long = options.find((o) => [...o].length > OPTION_MAX);
  if (long) return `选项「${long}」太长了（最多 ${OPTION_MAX} 个字）`;
  return { kind: 'choice', title, options };
}

/** The `问题：` lines of `发起测评`, checked; none at all keeps the default questions. */
export function parseReviewQuestions(lines: string[]): ParsedQuestions {
  if (lines.length === 0) return { ok: true, questions: undefined };
  if (lines.length > MAX_CUSTOM_QUESTIONS)
    return { ok: false, error: `问题最多 ${MAX_CUSTOM_QUESTIONS} 道（另有认识书记、总体满意两道固定题）` };
  const questions: ReviewQuestion[] = [];
  for (const line of lines) {
    const q = parseOne(line.trim());
    if (typeof q === 'string') return { ok: false, error: q };
    if (questions.some((x) => x.title === q.title)) return { ok: false, error: `题目「${q.title}」重复` };
    questions.push(q);
  }
  if (questions.filter((q) => q.kind === 'text').length > 1)
    return { ok: false, error: '只能有一道文字题（它的回答汇总为意见建议）' };
  return { ok: true, questions };
}

/**
 * The order a member answers in: the two measured questions, then the admin's choice questions as written, then
 * the text question (so a half-finished dialogue never holds a member's own words). Defaults end with the comment.
 */
export function reviewSteps(review: Pick<Review, 'questions'>): ReviewStep[] {
  const qs = review.questions;
  if (!qs) return ['knows', 'overall', 'comment'];
  const indexes = qs.map((_, i) => i);
  const choice = indexes.filter((i) => qs[i].kind === 'choice');
  const text = indexes.filter((i) => qs[i].kind === 'text');
  return ['knows', 'overall', ...[...choice, ...text].map((i) => `q${i}` as const)];
}

/** The admin's question a `q<n>` step asks, with its index. */
export function customQuestion(
  review: Pick<Review, 'questions'>,
  step: ReviewStep,
): { index: number; question: ReviewQuestion } | undefined {
  const m = /^q(\d+)$/.exec(step);
  const question = m ? review.questions?.[Number(m[1])] : undefined;
  return question && { index: Number(m![1]), question };
}

/** The admin's choice questions with their indexes (what gets per-option counts). */
export function choiceQuestions(
  review: Pick<Review, 'questions'>,
): Array<{ index: number; title: string; options: string[] }> {
  return (review.questions ?? []).flatMap((q, index) =>
    q.kind === 'choice' ? [{ index, title: q.title, options: q.options }] : [],
  );
}
