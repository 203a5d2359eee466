import { parseKnows, parseOverall, skipsComment } from './parse-review-answer';
import {
  OVERALL_LABELS,
  OVERALL_ORDER,
  QUESTIONS,
  reviewCode,
  type Review,
  type ReviewAnswer,
  type ReviewDraft,
} from './review';

export const QUIT_WORDS = ['退出测评', '暂停测评', '稍后再答'];

/** The question of one step, with its numbered options (the member may answer with the number or the words). */
export function questionText(step: ReviewDraft['step']): string {
  if (step === 'knows') return `第 1 题：${QUESTIONS.knows}\n1. 认识\n2. 不认识\n请回复数字或文字。`;
  if (step === 'overall')
    return `第 2 题：${QUESTIONS.overall}\n${OVERALL_ORDER.map((o, i) => `${i + 1}. ${OVERALL_LABELS[o]}`).join('\n')}\n请回复数字或文字。`;
  return `第 3 题：${QUESTIONS.comment}\n请直接写下你的意见建议；没有请回复「无」。`;
}

/** How a review is introduced before its first question; answers are anonymous and that is said up front. */
export function dialogueIntro(review: Review): string {
  return `满意度测评 ${reviewCode(review.id)}「${review.name}」共 3 题，匿名作答：支部书记看不到谁答了什么。\n随时发送「退出测评」可暂停，之后发送「测评」继续。\n\n${questionText('knows')}`;
}

export type DialogueResult =
  | { kind: 'next'; draft: ReviewDraft; text: string }
  | { kind: 'done'; answer: ReviewAnswer }
  | { kind: 'unclear'; text: string };

/**
 * One reply of the member to the current question. `raw` is what they wrote (a comment is kept verbatim), `text`
 * its matching form. An unclear choice changes nothing and repeats the options.
 */
export function answerStep(draft: ReviewDraft, raw: string, text: string): DialogueResult {
  if (draft.step === 'knows') {
    const knows = parseKnows(text);
    if (knows === undefined) return { kind: 'unclear', text: `没有看懂「${raw}」。请回复 1（认识）或 2（不认识）。` };
    return { kind: 'next', draft: { ...draft, step: 'overall', knows }, text: questionText('overall') };
  }
  if (draft.step === 'overall') {
    const overall = parseOverall(text);
    if (overall === undefined)
      return {
        kind: 'unclear',
        text: `没有看懂「${raw}」。请回复 1–4：${OVERALL_ORDER.map((o, i) => `${i + 1}. ${OVERALL_LABELS[o]}`).join('  ')}`,
      };
    return { kind: 'next', draft: { ...draft, step: 'comment', overall }, text: questionText('comment') };
  }
  const answer: ReviewAnswer = { knows: draft.knows!, overall: draft.overall! };
  return { kind: 'done', answer: skipsComment(text) ? answer : { ...answer, comment: raw.trim() } };
}
