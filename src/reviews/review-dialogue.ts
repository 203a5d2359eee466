import { parseKnows, parseOption, parseOverall, skipsComment } from './parse-review-answer';
import {
  OVERALL_LABELS,
  OVERALL_ORDER,
  QUESTIONS,
  reviewCode,
  type Review,
  type ReviewAnswer,
  type ReviewDraft,
  type ReviewStep,
} from './review';
import { customQuestion, reviewSteps } from './review-questions';

export const QUIT_WORDS = ['退出测评', '暂停测评', '稍后再答'];

const numbered = (options: string[], sep = '\n') => options.map((o, i) => `${i + 1}. ${o}`).join(sep);
const TEXT_HINT = '请直接写下你的意见建议；没有请回复「无」。';

/** The title and options of one step (options absent for a text question). */
function stepQuestion(review: Pick<Review, 'questions'>, step: ReviewStep): { title: string; options?: string[] } {
  if (step === 'knows') return { title: QUESTIONS.knows, options: ['认识', '不认识'] };
  if (step === 'overall') return { title: QUESTIONS.overall, options: OVERALL_ORDER.map((o) => OVERALL_LABELS[o]) };
  const custom = customQuestion(review, step)?.question;
  if (!custom) return { title: QUESTIONS.comment };
  return custom.kind === 'choice' ? { title: custom.title, options: custom.options } : { title: custom.title };
}

/** The question of one step, with its numbered options (the member may answer with the number or the words). */
export function questionText(review: Pick<Review, 'questions'>, step: ReviewStep): string {
  const n = reviewSteps(review).indexOf(step) + 1;
  const q = stepQuestion(review, step);
  if (!q.options) return `第 ${n} 题：${q.title}\n${TEXT_HINT}`;
  return `第 ${n} 题：${q.title}\n${numbered(q.options)}\n请回复数字或文字。`;
}

/** How a review is introduced before its first question; answers are anonymous and that is said up front. */
export function dialogueIntro(review: Review): string {
  return `满意度测评 ${reviewCode(review.id)}「${review.name}」共 ${reviewSteps(review).length} 题，匿名作答：支部书记看不到谁答了什么。\n随时发送「退出测评」可暂停，之后发送「测评」继续。\n\n${questionText(review, 'knows')}`;
}

export type DialogueResult =
  | { kind: 'next'; draft: ReviewDraft; text: string }
  | { kind: 'done'; answer: ReviewAnswer }
  | { kind: 'unclear'; text: string };

/** The draft with this step's choice taken, or undefined when the reply is not one of its options. */
function take(review: Review, draft: ReviewDraft, text: string): ReviewDraft | undefined {
  if (draft.step === 'knows') {
    const knows = parseKnows(text);
    return knows === undefined ? undefined : { ...draft, knows };
  }
  if (draft.step === 'overall') {
    const overall = parseOverall(text);
    return overall === undefined ? undefined : { ...draft, overall };
  }
  const custom = customQuestion(review, draft.step);
  if (custom?.question.kind !== 'choice') return draft;
  const option = parseOption(text, custom.question.options);
  return option === undefined ? undefined : { ...draft, choices: { ...draft.choices, [custom.index]: option } };
}

function isTextStep(review: Review, step: ReviewStep): boolean {
  return step === 'comment' || customQuestion(review, step)?.question.kind === 'text';
}

/**
 * One reply of the member to the current question. `raw` is what they wrote (a comment is kept verbatim), `text`
 * its matching form. An unclear choice changes nothing and repeats the options.
 */
export function answerStep(review: Review, draft: ReviewDraft, raw: string, text: string): DialogueResult {
  const steps = reviewSteps(review);
  const next = steps[steps.indexOf(draft.step) + 1];
  const taken = take(review, draft, text);
  if (!taken) {
    const options = stepQuestion(review, draft.step).options!;
    const hint = draft.step === 'knows' ? '1（认识）或 2（不认识）' : `1–${options.length}：${numbered(options, '  ')}`;
    // Not echoed: even a reply not understood says something about the member's view, in a chat that names them.
    return { kind: 'unclear', text: `没有看懂这个回复。请回复 ${hint}` };
  }
  if (next) return { kind: 'next', draft: { ...taken, step: next }, text: questionText(review, next) };
  const answer: ReviewAnswer = { knows: taken.knows!, overall: taken.overall! };
  if (taken.choices) answer.choices = taken.choices;
  if (isTextStep(review, draft.step) && !skipsComment(text)) answer.comment = raw.trim();
  return { kind: 'done', answer };
}
