import type { Middleware } from '../src/core/composer';
import type { QuestionAnswerer } from '../src/core/qa/question-answerer';
import { visibleLength } from '../src/core/text/normalize-text';

/** A question in Chinese as members type it: a question mark, or a question word anywhere in the text. */
const QUESTION = /[?？]|怎么|怎样|如何|什么|咋|啥|哪|吗|呢|能不能|能否|可不可以|可以不|是否|多少|多久|几个|几月|有没有|要不要|行不行|请问|找谁|谁管/;
/** A statement that still asks for help: a problem or a wish ("老板欠我工资", "想转组织关系"). */
const NEED = /欠|拖|不给|不发|没有|没法|丢了|掉了|被|困难|帮忙|帮我|想|需要|咨询|申请|办不了|求助/;
/** Keyword queries ("医保转移") are short; longer statements without a need are chatter or study notes. */
const KEYWORDS_MAX = 10;
/** Short replies that are not questions, however they are phrased. */
const SMALL_TALK = /^(你好|您好|谢谢|感谢|多谢|好的|收到|明白|知道了|嗯+|哦+|ok|好|在吗|辛苦了)[!！。.~～]*$/i;

/**
 * Questions that are not commands or proof (DESIGN.md §2: tried before the "not understood" answer), in groups and
 * 1:1. A confident match is answered; a question the KB cannot answer gets an honest "not sure" with the two
 * closest titles and `求助`. Greetings, chatter and study notes ("今天参加了主题党日活动，收获很大") fall through to
 * the fallback instead of drawing an answer nobody asked for.
 */
export function askQuestion(qa: QuestionAnswerer): Middleware {
  return async (ctx, next) => {
    const text = ctx.text;
    if (!text || ctx.message.media.length > 0 || SMALL_TALK.test(text)) return next();
    const asking = QUESTION.test(text);
    const short = visibleLength(text) <= KEYWORDS_MAX;
    if (!asking && !short && !NEED.test(text)) return next();
    // The model reads the member's own words; retrieval normalizes them itself.
    const result = await qa.answer(ctx.message.text.trim());
    if (result.kind === 'unsure' && !asking && !(short && (result.hits[0]?.coverage ?? 0) >= 0.5)) return next();
    await ctx.reply(result.text);
  };
}
