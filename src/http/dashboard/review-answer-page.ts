import type Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import type { Context } from 'koa';
import { castVote, refusalText, voteRefusal } from '../../reviews/cast-vote';
import { REVIEW_LINK_REFUSALS } from '../../reviews/review-links';
import {
  COMMENT_MAX,
  OVERALL_LABELS,
  OVERALL_ORDER,
  QUESTIONS,
  reviewCode,
  type CustomChoices,
  type Review,
  type ReviewAnswer,
} from '../../reviews/review';
import { choiceQuestions, customQuestion, reviewSteps } from '../../reviews/review-questions';
import type { Member } from '../../model';
import { formatDeadline } from '../../time/parse-deadline-text';
import type { DashboardDeps } from './dashboard-deps';
import { html, type SafeHtml } from './html';
import { bareLayout } from './layout';
import { securityHeaders, sendHtml } from './page';

const formBody = bodyParser({ enableTypes: ['form'], formLimit: '16kb' });
const PATH = '/review/answer';

/** The fieldsets after the two measured questions: the admin's choices in order, the text question last. */
function customFieldsets(review: Review): SafeHtml[] {
  return reviewSteps(review)
    .slice(2)
    .map((step, n) => {
      const custom = customQuestion(review, step);
      const legend = `${n + 3}. ${custom?.question.title ?? QUESTIONS.comment}`;
      if (!custom || custom.question.kind === 'text')
        return html`<fieldset class="choices"><legend>${legend}</legend><textarea name="comment" rows="4" maxlength="${COMMENT_MAX}"></textarea></fieldset>`;
      const name = `q${custom.index}`;
      return html`<fieldset class="choices"><legend>${legend}</legend>${custom.question.options.map(
        (o, i) =>
          html`<label><input type="radio" name="${name}" value="${i}"${i === 0 ? html` required` : ''}> ${o}</label>`,
      )}</fieldset>`;
    });
}

function answerForm(review: Review, token: string, tz: string, problem?: string): SafeHtml {
  return html`<h1>满意度测评</h1><p><b>${reviewCode(review.id)}「${review.name}」</b></p>
<p class="muted">截止 ${formatDeadline(new Date(review.closesAt), tz)}。匿名作答：支部书记看不到谁答了什么；每人只能提交一次。</p>
${problem ? html`<p class="notice bad" id="problem">${problem}</p>` : ''}
<form method="post" action="${PATH}" id="review-form"><input type="hidden" name="t" value="${token}">
<fieldset class="choices"><legend>1. ${QUESTIONS.knows}</legend>
<label><input type="radio" name="knows" value="yes" required> 认识</label><label><input type="radio" name="knows" value="no"> 不认识</label></fieldset>
<fieldset class="choices"><legend>2. ${QUESTIONS.overall}</legend>${OVERALL_ORDER.map(
    (o, i) =>
      html`<label><input type="radio" name="overall" value="${o}"${i === 0 ? html` required` : ''}> ${OVERALL_LABELS[o]}</label>`,
  )}</fieldset>
${customFieldsets(review)}
<button id="submit-review">提交</button></form>`;
}

function message(ctx: Context, status: number, title: string, text: string): void {
  sendHtml(ctx, status, bareLayout(title, html`<h1>${title}</h1><p id="review-message">${text}</p>`));
}

/** The link's member and review, or a page saying why the link does not work. */
async function resolve(ctx: Context, deps: DashboardDeps, token: string | undefined) {
  const { store, clock, reviewLinks } = deps.services;
  const check = reviewLinks?.check(token, clock.now()) ?? { ok: false as const, reason: 'invalid' as const };
  if (!check.ok) return void message(ctx, 403, '链接不可用', REVIEW_LINK_REFUSALS[check.reason]);
  const review = await store.reviews.get(check.reviewId);
  const member = await store.members.get(check.memberId);
  if (!review || !member) return void message(ctx, 404, '链接不可用', REVIEW_LINK_REFUSALS.invalid);
  return { review, member, token: token! };
}

/** The picked option of each admin's choice question, or undefined when one is missing or out of range. */
function readChoices(review: Review, body: Record<string, unknown>): CustomChoices | undefined {
  const choices: CustomChoices = {};
  for (const q of choiceQuestions(review)) {
    const raw = body[`q${q.index}`];
    const option = typeof raw === 'string' && /^\d$/.test(raw) ? Number(raw) : -1;
    if (option < 0 || option >= q.options.length) return undefined;
    choices[q.index] = option;
  }
  return choices;
}

function readAnswer(review: Review, body: Record<string, unknown>): ReviewAnswer | undefined {
  const overall = OVERALL_ORDER.find((o) => o === body.overall);
  const choices = readChoices(review, body);
  if ((body.knows !== 'yes' && body.knows !== 'no') || !overall || !choices) return undefined;
  const comment = typeof body.comment === 'string' && body.comment.trim() ? body.comment : undefined;
  const asked = reviewSteps(review).some((s) => s === 'comment' || customQuestion(review, s)?.question.kind === 'text');
  return {
    knows: body.knows === 'yes',
    overall,
    ...(comment && asked ? { comment } : {}),
    ...(Object.keys(choices).length ? { choices } : {}),
  };
}

/**
 * The answer page reached by a member's personal link (no dashboard session): GET shows the form (a chat app's link
 * preview spends nothing), POST casts the vote once. Refusals change nothing and say why.
 */
export function reviewAnswerPage(router: Router, deps: DashboardDeps): void {
  const tz = deps.services.settings.timezone;
  router.get(PATH, async (ctx) => {
    securityHeaders(ctx);
    const found = await resolve(ctx, deps, typeof ctx.query.t === 'string' ? ctx.query.t : undefined);
    if (!found) return;
    const refusal = await voteRefusal(deps.services.store, found.review, found.member, deps.services.clock.now());
    if (refusal) return message(ctx, 409, '无需作答', refusalText(refusal, found.review));
    sendHtml(ctx, 200, bareLayout('满意度测评', answerForm(found.review, found.token, tz)));
  });
  router.post(PATH, formBody, async (ctx) => {
    securityHeaders(ctx);
    const body = (ctx.request.body ?? {}) as Record<string, unknown>;
    const found = await resolve(ctx, deps, typeof body.t === 'string' ? body.t : undefined);
    if (!found) return;
    const answer = readAnswer(found.review, body);
    if (!answer) {
      const problem = '请为每道选择题选一个选项后再提交（没有保存任何内容）。';
      return sendHtml(ctx, 400, bareLayout('满意度测评', answerForm(found.review, found.token, tz, problem)));
    }
    const vote = await castVote(
      deps.services.store,
      found.review,
      found.member as Member,
      answer,
      deps.services.clock.now(),
    );
    if (!vote.ok) return message(ctx, 409, '没有提交', refusalText(vote.reason, found.review));
    message(ctx, 200, '提交成功', '答卷已提交，感谢参与！你的回答是匿名的，只计入支部的统计。');
  });
}
