import type { CommandSpec } from '../src/bot/commands';
import type { Context } from '../src/bot/context';
import type { Member } from '../src/model';
import { refusalText, voteRefusal } from '../src/reviews/cast-vote';
import { dialogueIntro, questionText } from '../src/reviews/review-dialogue';
import { openReviewsFor } from '../src/reviews/review-members';
import type { Review } from '../src/reviews/review';

/** The first open review this member has not answered yet, or why there is none to answer. */
async function nextReview(ctx: Context, member: Member): Promise<{ review?: Review; text?: string }> {
  const open = await openReviewsFor(ctx.store, member, ctx.now());
  let refusal: string | undefined;
  for (const review of open) {
    const reason = await voteRefusal(ctx.store, review, member, ctx.now());
    if (!reason) return { review };
    refusal ??= refusalText(reason, review);
  }
  return { text: refusal ?? '目前没有需要你参加的满意度测评。' };
}

/**
 * `测评`: starts (or resumes) the 1:1 question-by-question dialogue of an open review. In a group the questions go
 * to the member's 1:1 chat: answers are never given where others read them.
 */
export const startReview: CommandSpec = {
  name: '测评',
  aliases: ['参加测评', '满意度测评', '继续测评'],
  audience: 'member',
  usage: '测评',
  summary: '参加满意度测评（单聊中逐题作答，匿名）',
  async run(ctx) {
    const member = ctx.member!;
    const draft = await ctx.store.reviews.getDraft(member.id);
    const found = await nextReview(ctx, member);
    if (!found.review) return void (await ctx.replyPrivately(found.text!));
    const resume = draft?.reviewId === found.review.id;
    if (!resume)
      await ctx.store.reviews.saveDraft({ memberId: member.id, reviewId: found.review.id, step: 'knows' }, ctx.now());
    await ctx.replyPrivately(
      resume ? `继续测评：\n${questionText(found.review, draft.step)}` : dialogueIntro(found.review),
    );
    if (ctx.isGroup) await ctx.reply('测评请在与我的单聊里作答，题目已私信发给你。');
  },
};
