import type Router from '@koa/router';
import { canSeeBranch, visibleBranches } from '../../access/access-scope';
import {
  formatRate,
  reviewFigures,
  type BranchReviewFigures,
  type QuestionFigures,
} from '../../reports/review-figures';
import { exportReview } from '../../excel/export-review';
import { attachmentHeader, workbookBuffer, XLSX_TYPE } from '../../excel/workbook';
import { APPROVAL_LINE, KNOW_LINE, OVERALL_LABELS, OVERALL_ORDER, reviewCode, type Review } from '../../reviews/review';
import { isReviewOpen } from '../../reviews/review-branch';
import { formatDeadline } from '../../time/parse-deadline-text';
import { localDate } from '../../time/zoned-time';
import type { DashboardDeps } from './dashboard-deps';
import { html, jsonBlock, query, type SafeHtml } from './html';
import { layout } from './layout';
import type { ChartSpec } from './overview-page';
import { page, sendHtml } from './page';
import type { Viewer } from './viewer';

const HIDDEN_TEXT = { open: '测评进行中，截止后显示', few: '答卷不足 5 份，不显示分项' } as const;

/** Reviews that cover a branch the viewer may see, newest first; the chosen one (`?review=`) or the newest. */
async function chosenReview(deps: DashboardDeps, viewer: Viewer, raw: unknown) {
  const reviews = (await deps.services.store.reviews.list()).filter((r) =>
    r.branchIds.some((id) => canSeeBranch(viewer.scope, id)),
  );
  return { reviews, review: reviews.find((r) => String(r.id) === raw) ?? reviews[0] };
}

async function figuresFor(deps: DashboardDeps, viewer: Viewer, review: Review): Promise<BranchReviewFigures[]> {
  const { store, clock } = deps.services;
  return reviewFigures(store, review, await visibleBranches(store, viewer.scope), clock.now());
}

function rate(value: number | undefined, meets: boolean | undefined): SafeHtml {
  return html`<span class="${meets ? 'line-ok' : 'line-miss'}">${formatRate(value)}</span>`;
}

function figureRow(f: BranchReviewFigures): SafeHtml {
  const head = html`<td>${f.branchName}</td><td class="num">${f.eligible}</td><td class="num">${f.answers}</td><td class="num">${formatRate(f.responseRate)}</td>`;
  if (f.hidden)
    return html`<tr data-branch="${f.branchId}">${head}<td colspan="6" class="muted">${HIDDEN_TEXT[f.hidden]}</td></tr>`;
  return html`<tr data-branch="${f.branchId}">${head}<td class="num know-rate">${rate(f.knowRate, f.meetsKnowLine)}</td>
<td class="num approval-rate">${rate(f.approvalRate, f.meetsApprovalLine)}</td>${OVERALL_ORDER.map((o) => html`<td class="num hide-sm">${f.overall![o]}</td>`)}</tr>`;
}

/** The branch's chart, then one per admin's choice question. */
function chartsOf(f: BranchReviewFigures): ChartSpec[] {
  return [
    chartOf(f),
    ...(f.questions ?? []).map((q) => ({
      id: `branch-${f.branchId}-q${q.index}`,
      title: `${f.branchName}：${q.title}`,
      kind: 'bar' as const,
      unit: '人',
      data: q.options.map((o) => ({ name: o.label, value: o.count })),
    })),
  ];
}

function questionCard(f: BranchReviewFigures, q: QuestionFigures): SafeHtml {
  return html`<h3>${q.title}</h3><table class="question-counts" data-question="${q.index}">${q.options.map(
    (o) => html`<tr><td>${o.label}</td><td class="num">${o.count}</td></tr>`,
  )}</table><div class="chart" id="chart-branch-${f.branchId}-q${q.index}" role="img" aria-label="${q.title}"></div>`;
}

function chartOf(f: BranchReviewFigures): ChartSpec {
  return {
    id: `branch-${f.branchId}`,
    title: f.branchName,
    kind: 'bar',
    unit: '人',
    data: [
      { name: '认识', value: f.knowYes! },
      { name: '不认识', value: f.knowNo! },
      ...OVERALL_ORDER.map((o) => ({ name: OVERALL_LABELS[o], value: f.overall![o] })),
    ],
  };
}

function branchCard(f: BranchReviewFigures): SafeHtml {
  return html`<section class="card"><h2>${f.branchName}</h2><div class="chart" id="chart-branch-${f.branchId}" role="img" aria-label="${f.branchName}测评结果"></div>
${(f.questions ?? []).map((q) => questionCard(f, q))}<h3>意见建议（按类别）</h3>${
    f.commentGroups!.length
      ? f.commentGroups!.map(
          (g) =>
            html`<h4>${g.label}（${g.comments.length}）</h4><ul class="comments">${g.comments.map((c) => html`<li class="wrap">${c}</li>`)}</ul>`,
        )
      : html`<p class="muted">没有意见建议。</p>`
  }</section>`;
}

function reviewBody(
  reviews: Review[],
  review: Review,
  figures: BranchReviewFigures[],
  now: Date,
  tz: string,
): SafeHtml {
  const shown = figures.filter((f) => !f.hidden);
  const status = isReviewOpen(review, now) ? '进行中' : '已截止';
  return html`<form class="filters card" method="get" action="/admin/reviews"><label>测评<select name="review">${reviews.map(
    (r) =>
      html`<option value="${r.id}"${r.id === review.id ? html` selected` : ''}>${reviewCode(r.id)} ${r.name}</option>`,
  )}</select></label><button>查看</button>
<a class="button secondary" id="export-review" href="/admin/export/review.xlsx${query({ review: review.id })}">导出 Excel</a></form>
<section class="card"><h2>${reviewCode(review.id)}「${review.name}」 <span class="tag">${status}</span></h2>
<p class="muted">截止 ${formatDeadline(new Date(review.closesAt), tz)}。匿名测评：只统计人数，不显示谁答了什么。标准线：认识率 ${formatRate(KNOW_LINE)}，认可率（非常满意＋满意＋基本满意）${formatRate(APPROVAL_LINE)}。</p>
<div class="table-wrap"><table id="review-figures"><thead><tr><th>支部</th><th class="num">应答</th><th class="num">已答</th><th class="num">参与率</th>
<th class="num">认识率</th><th class="num">认可率</th>${OVERALL_ORDER.map((o) => html`<th class="num hide-sm">${OVERALL_LABELS[o]}</th>`)}</tr></thead>
<tbody>${figures.map(figureRow)}</tbody></table></div></section>
<div class="grid">${shown.map(branchCard)}</div>${jsonBlock('chart-data', shown.flatMap(chartsOf))}`;
}

/** 满意度测评 results: per branch in scope, response rate, 认识率 and 认可率 against the lines, charts, comments. */
export function reviewsPage(router: Router, deps: DashboardDeps): void {
  const { clock, settings } = deps.services;
  router.get(
    '/admin/reviews',
    page(deps, async (ctx, viewer) => {
      const { reviews, review } = await chosenReview(deps, viewer, ctx.query.review);
      const body = review
        ? reviewBody(reviews, review, await figuresFor(deps, viewer, review), clock.now(), settings.timezone)
        : html`<section class="card"><p class="muted">还没有满意度测评。管理员在群里或私聊发送「发起测评 &lt;名称&gt;」并写明截止时间即可发起。</p></section>`;
      sendHtml(
        ctx,
        200,
        layout(viewer, {
          title: '满意度测评',
          active: 'reviews',
          body,
          scripts: ['echarts.min.js', 'charts.js', 'page-charts.js'],
        }),
      );
    }),
  );
  router.get(
    '/admin/export/review.xlsx',
    page(deps, async (ctx, viewer) => {
      const { review } = await chosenReview(deps, viewer, ctx.query.review);
      const now = clock.now();
      const figures = review ? await figuresFor(deps, viewer, review) : [];
      if (!review) return void (ctx.status = 404);
      ctx.type = XLSX_TYPE;
      ctx.set(
        'Content-Disposition',
        attachmentHeader(`满意度测评${reviewCode(review.id)}-${localDate(now, settings.timezone)}.xlsx`),
      );
      ctx.body = await workbookBuffer(exportReview(review, figures, now, settings.timezone));
    }),
  );
}
