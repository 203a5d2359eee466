import type { Middleware } from '../src/bot/composer';
import type { Context } from '../src/bot/context';
import { castVote, refusalText, voteRefusal } from '../src/reviews/cast-vote';
import { QUIT_WORDS, answerStep, questionText } from '../src/reviews/review-dialogue';
import { dedupeKey } from '../src/bot/incoming-message';
import type { ReviewDraft } from '../src/reviews/review';
import { startReview } from './review-start';
import { isRedactedAnswer, redactAnswer } from '../src/reviews/redact-answer';

const START_WORDS = [startReview.name, ...(startReview.aliases ?? [])];

/** A dialogue left this long is over: a later message is an ordinary message again (`测评` starts afresh). */
export const DRAFT_MINUTES = 30;
/** A longer message where a choice is expected is taken as something else, not as a wrong answer. */
const CHOICE_MAX_CHARS = 8;

function stale(draft: ReviewDraft, now: Date): boolean {
  return !draft.updatedAt || now.getTime() - Date.parse(draft.updatedAt) > DRAFT_MINUTES * 60_000;
}

async function answer(ctx: Context, draft: ReviewDraft): Promise<boolean> {
  const { store } = ctx;
  const member = ctx.member!;
  const review = await store.reviews.get(draft.reviewId);
  const refusal = review && (await voteRefusal(store, review, member, ctx.now()));
  if (!review || refusal) {
    await store.reviews.dropDraft(member.id);
    if (review && refusal) await ctx.reply(refusalText(refusal, review));
    return Boolean(review);
  }
  // The same message handled again (crash recovery) repeats its question instead of answering the next one.
  if (draft.sourceKey === dedupeKey(ctx.message)) {
    await ctx.reply(questionText(review, draft.step));
    return true;
  }
  if (isRedactedAnswer(ctx.message)) return true;
  const step = answerStep(review, draft, ctx.raw, ctx.text);
  if (step.kind === 'unclear') {
    if ([...ctx.text].length > CHOICE_MAX_CHARS) return false;
    await redactAnswer(store, ctx.message);
    await ctx.reply(step.text);
  } else if (step.kind === 'next') {
    await store.reviews.saveDraft({ ...step.draft, sourceKey: dedupeKey(ctx.message) }, ctx.now());
    await redactAnswer(store, ctx.message);
    await ctx.reply(step.text);
  } else {
    const vote = await castVote(store, review, member, step.answer, ctx.now());
    await redactAnswer(store, ctx.message);
    await ctx.reply(
      vote.ok ? '✅ 答卷已提交，感谢参与！你的回答是匿名的，只计入支部的统计。' : refusalText(vote.reason, review),
    );
  }
  return true;
}

/**
 * Answers in a 1:1 review dialogue (`1`, `认识`, `满意的`…), ahead of the commands: a choice word such as 不满意
 * must not be read as a command while a question is waiting. Outside a live dialogue it does nothing.
 */
export const reviewDialogue: Middleware = async (ctx, next) => {
  if (ctx.isGroup || !ctx.member || ctx.message.media.length > 0 || START_WORDS.some((w) => ctx.matchCommand(w)))
    return next();
  const draft = await ctx.store.reviews.getDraft(ctx.member.id);
  // An answer that counted and was redacted before a crash: handled again, it must not reach the commands.
  if (!draft && isRedactedAnswer(ctx.message)) return;
  if (!draft) return next();
  if (stale(draft, ctx.now())) {
    await ctx.store.reviews.dropDraft(ctx.member.id);
    return next();
  }
  if (QUIT_WORDS.includes(ctx.commandText)) {
    await ctx.store.reviews.dropDraft(ctx.member.id);
    return void (await ctx.reply('已暂停测评，之前的选择没有保存。想作答时再发送「测评」。'));
  }
  if (draft.step === 'comment' && ctx.text.startsWith('#')) return next();
  if (!(await answer(ctx, draft))) return next();
};
