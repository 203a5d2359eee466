import type { Middleware } from '../src/bot/composer';
import { parseChoice } from '../src/answers/parse-choice';
import type { QuestionAnswerer } from '../src/answers/question-answerer';
import type { SuggestionMemory } from '../src/answers/suggestion-memory';
import { suggestionKey } from './ask-question';

/**
 * `1`, `第一个`, `1。` right after a numbered list of KB titles opens that entry. Without a live list for this
 * person in this chat, or past its end, the message goes on as any other.
 */
export function pickSuggestion(qa: QuestionAnswerer, memory: SuggestionMemory): Middleware {
  return async (ctx, next) => {
    const n = ctx.message.media.length === 0 ? parseChoice(ctx.text) : undefined;
    const titles = n === undefined ? undefined : memory.recall(suggestionKey(ctx), ctx.now());
    const text = titles && n !== undefined && n <= titles.length ? qa.answerTitle(titles[n - 1]) : undefined;
    if (text === undefined) return next();
    await ctx.reply(text);
  };
}
