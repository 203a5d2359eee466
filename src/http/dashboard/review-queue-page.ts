import type Router from '@koa/router';
import type { Submission } from '../../model';
import { reviewQueue, type ReviewItem } from '../../reports/review-queue';
import { describeProof } from '../../tasks/proof';
import type { DashboardDeps } from './dashboard-deps';
import { branchChoice } from './branch-filter';
import { html, type SafeHtml } from './html';
import { layout } from './layout';
import { page, sendHtml } from './page';
import type { Viewer } from './viewer';

const FACT_NAMES: Record<string, string> = {
  exifTakenAt: '拍摄时间（EXIF）',
  shownDates: '截图上的日期',
  text: '读到的文字',
};

function photos(s: Submission, label: string): SafeHtml {
  const images = s.media.filter((m) => m.kind === 'image');
  return html`${images.map((m) => html`<a href="/admin/media/${m.sha256}" target="_blank" rel="noopener"><img src="/admin/media/${m.sha256}" alt="${label}"></a>`)}
${images.length ? '' : html`<p class="muted">（没有图片）</p>`}`;
}

/** This proof on the left, each related submission's proof on the right, photos and notes side by side. */
function sideBySide(item: ReviewItem): SafeHtml {
  const { submission: s, member } = item;
  return html`<div class="side-by-side"><figure class="this-proof"><figcaption>本条 S${s.id} ${member?.name ?? ''}</figcaption>${photos(s, '本条提交的图片')}
${s.note ? html`<p class="wrap note">${s.note}</p>` : ''}</figure>
${item.related.map(
  (
    r,
  ) => html`<figure class="related-proof"><figcaption>相似的 S${r.submission.id} ${r.member?.name ?? ''}（任务 #${r.submission.taskId}）</figcaption>${photos(r.submission, `S${r.submission.id} 的图片`)}
${r.submission.note ? html`<p class="wrap note">${r.submission.note}</p>` : ''}</figure>`,
)}</div>`;
}

function facts(item: ReviewItem): SafeHtml {
  const rows = Object.entries(item.facts).filter(([k, v]) => FACT_NAMES[k] && v);
  const details = item.doubts.flatMap((d) => Object.entries(d.detail ?? {}));
  if (!rows.length && !details.length) return html``;
  return html`<dl class="facts">${rows.map(([k, v]) => html`<dt>${FACT_NAMES[k]}</dt><dd class="wrap">${v}</dd>`)}
${details.map(([k, v]) => html`<dt>${k}</dt><dd>${String(v)}</dd>`)}</dl>`;
}

function itemCard(item: ReviewItem, index: number, viewer: Viewer): SafeHtml {
  const s = item.submission;
  return html`<article class="card review-item" id="s${s.id}" data-id="${s.id}" tabindex="-1">
<h2>S${s.id} ${item.member?.name ?? ''} · 任务 #${item.task.id}《${item.task.title}》 <span class="tag">存疑 ${item.score}</span></h2>
<p class="muted">${describeProof(s)}</p>
<ul class="reasons">${item.doubts.map((d) => html`<li>${d.reason}</li>`)}</ul>
${sideBySide(item)}${facts(item)}
<form method="post" action="/admin/submissions/${s.id}/review" class="actions review-form">
<input type="hidden" name="_csrf" value="${viewer.csrf}"><input type="hidden" name="back" value="queue"><input type="hidden" name="pos" value="${index}">
<input name="reason" placeholder="理由（驳回时必填）" maxlength="100" aria-label="S${s.id} 的理由">
<button name="verdict" value="approve" class="approve">通过并计分（a）</button>
<button name="verdict" value="reject" class="secondary reject">驳回（r）</button></form></article>`;
}

/** Every held submission in the viewer's branches, most doubtful first, for a secretary going through them in a row. */
export function reviewQueuePage(router: Router, deps: DashboardDeps): void {
  router.get(
    '/admin/review',
    page(deps, async (ctx, viewer) => {
      const { store } = deps.services;
      const choice = await branchChoice(store, viewer, undefined);
      const tasks = await store.tasks.listByBranches(choice.branches.map((b) => b.id));
      const items = await reviewQueue(store, tasks);
      const done = /^\d{1,9}$/.test(String(ctx.query.reviewed ?? ''))
        ? html`<p class="notice">已处理 S${String(ctx.query.reviewed)}。</p>`
        : '';
      const body = html`${done}<p class="muted keys">键盘：j / k 上下移动，a 通过，r 驳回（输入理由后按回车）。</p>
${items.length ? '' : html`<section class="card"><p class="muted">没有待审核的提交。</p></section>`}
<div id="review-queue" data-start="${Number(ctx.query.pos) || 0}">${items.map((item, i) => itemCard(item, i, viewer))}</div>`;
      sendHtml(
        ctx,
        200,
        layout(viewer, { title: `待审核（${items.length}）`, active: 'review', body, scripts: ['review-queue.js'] }),
      );
    }),
  );
}
