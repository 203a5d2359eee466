import type { Context } from '../src/bot/context';
import type { Middleware } from '../src/bot/composer';
import { isChatter } from '../src/answers/chatter';
import type { QuestionAnswerer } from '../src/answers/question-answerer';
import type { SuggestionMemory } from '../src/answers/suggestion-memory';

/** Numbered lists belong to one person in one chat: another member's `1` is not a reply to them. */
export function suggestionKey(ctx: Context): string {
  return `${ctx.message.platform}:${ctx.message.chatId}:${ctx.message.userId}`;
}

/**
 * Every message that no command or proof took, in groups and 1:1, goes to the knowledge base (DESIGN.md §2: tried
 * before the "not understood" answer): a confident match is answered, a near miss gets "not sure" with the closest
 * titles numbered, an off-topic question a polite decline with 求助. Only greetings, bare numbers and study notes
 * sent without a task number fall through to the usual hint.
 */
export function askQuestion(qa: QuestionAnswerer, memory: SuggestionMemory): Middleware {
  return async (ctx, next) => {
    const text = ctx.text;
    if (!text || ctx.message.media.length > 0 || isChatter(text)) return next();
    // The model reads the member's own words; retrieval normalizes them itself.
    const result = await qa.answer(ctx.message.text.trim());
    const offered = result.kind === 'answer' ? result.related : result.kind === 'unsure' ? result.suggestions : [];
    memory.remember(suggestionKey(ctx), offered, ctx.now());
    await ctx.reply(result.text);
  };
}
