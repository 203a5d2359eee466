import type Router from '@koa/router';
import { describeProof } from '../../tasks/proof';
import type { Member, Submission } from '../../model';
import { formatPlace } from '../../members/places';
import { taskSummaries } from '../../reports/task-completion';
import { PROOF_NAMES, LATE_NAMES } from '../../tasks/task-spec';
import { formatLocal } from '../../time/zoned-time';
import type { DashboardDeps } from './dashboard-deps';
import { html, type SafeHtml } from './html';
import { layout } from './layout';
import { notFound, page, sendHtml } from './page';
import { percent, rateBar } from './tasks-page';
import { visibleTask } from './visible-tasks';
import type { Viewer } from './viewer';

const GALLERY_LIMIT = 48;
/** Longer lists start folded (the export has them all); a phone should not scroll past 300 names to reach the gallery. */
const MISSING_OPEN = 30;
const STATUS_TAGS = {
  accepted: html`<span class="tag ok">已通过</span>`,
  flagged: html`<span class="tag">待审核</span>`,
  rejected: html`<span class="tag gray">已驳回</span>`,
};

function gallery(subs: Array<[Submission, Member | undefined]>, all: boolean, taskId: number): SafeHtml {
  const images = subs.flatMap(([s, m]) =>
    s.media.filter((x) => x.kind === 'image').map((x) => ({ sha: x.sha256, name: m?.name ?? '', s })),
  );
  const shown = all ? images : images.slice(0, GALLERY_LIMIT);
  return html`<section class="card" id="gallery"><h2>证明图片（${images.length}）</h2>
<div class="gallery">${shown.map(
    (
      i,
    ) => html`<figure><a href="/admin/media/${i.sha}" target="_blank" rel="noopener"><img src="/admin/media/${i.sha}/thumb" loading="lazy" alt="${i.name}的证明"></a>
<figcaption>${i.name} ${STATUS_TAGS[i.s.status]}</figcaption></figure>`,
  )}</div>
${!all && images.length > GALLERY_LIMIT ? html`<p><a href="/admin/tasks/${taskId}?gallery=all#gallery">显示全部 ${images.length} 张</a></p>` : ''}
${images.length ? '' : html`<p class="muted">还没有图片证明。</p>`}</section>`;
}

function reviewForms(flagged: Array<[Submission, Member | undefined]>, viewer: Viewer): SafeHtml {
  return html`<section class="card" id="review"><h2>待审核（${flagged.length}）</h2>
${flagged.length ? '' : html`<p class="muted">没有待审核的提交。</p>`}
${flagged.map(
  ([
    s,
    m,
  ]) => html`<div class="card"><p><b>S${s.id} ${m?.name ?? ''}</b>：${describeProof(s)}（存疑，<a href="/admin/review#s${s.id}">在审核页查看原因和相似的提交</a>）</p>
<div class="gallery">${s.media.filter((x) => x.kind === 'image').map((x) => html`<a href="/admin/media/${x.sha256}" target="_blank" rel="noopener"><img src="/admin/media/${x.sha256}/thumb" loading="lazy" alt="证明图片"></a>`)}</div>
${s.note ? html`<p class="wrap">${s.note}</p>` : ''}
<form method="post" action="/admin/submissions/${s.id}/review" class="actions"><input type="hidden" name="_csrf" value="${viewer.csrf}">
<input name="reason" placeholder="理由（驳回时必填）" maxlength="100"><button name="verdict" value="approve">通过并计分</button>
<button name="verdict" value="reject" class="secondary">驳回</button></form></div>`,
)}</section>`;
}

function mediaLinks(s: Submission): SafeHtml {
  return html`${s.media.filter((x) => x.kind !== 'image').map((x) => html`<a href="/admin/media/${x.sha256}">${x.name ?? PROOF_NAMES[x.kind === 'voice' ? 'file' : x.kind]}</a> `)}
${s.links.map((l) => html`<a href="${/^https?:\/\//.test(l) ? l : '#'}" rel="noopener noreferrer" target="_blank">链接</a> `)}`;
}

/** One task: who has not submitted, the proof gallery and the review of flagged proof. */
export function taskDetailPage(router: Router, deps: DashboardDeps): void {
  router.get(
    '/admin/tasks/:id',
    page(deps, async (ctx, viewer) => {
      const { store, settings } = deps.services;
      const tz = settings.timezone;
      const task = await visibleTask(store, viewer, ctx.params.id);
      if (!task) return notFound(ctx, viewer, '没有这个任务，或不属于你管理的支部。');
      const [summary] = await taskSummaries(store, [task]);
      const branch = await store.branches.get(task.branchId);
      const members = new Map(summary.progress.members.map((m) => [m.id, m]));
      const subs: Array<[Submission, Member | undefined]> = [];
      for (const s of summary.progress.submissions.values())
        subs.push([s, members.get(s.memberId) ?? (await store.members.get(s.memberId))]);
      const flagged = subs.filter(([s]) => s.status === 'flagged');
      const notice = ctx.query.reviewed ? html`<p class="notice">已处理 S${String(ctx.query.reviewed)}。</p>` : '';
      const body = html`${notice}<section class="card"><p>${branch?.name ?? ''} · 截止 ${formatLocal(new Date(task.deadline), tz, true)} · ${task.points} 分 · ${LATE_NAMES[task.lateRule]} ·
证明：${task.proofKinds.map((k) => PROOF_NAMES[k]).join('/')}</p>${task.content ? html`<p class="wrap">${task.content}</p>` : ''}
<p>已交 ${summary.done}/${summary.expected}（${percent(summary.rate)}），逾期 ${summary.late}，待审核 ${summary.flagged}</p>${rateBar(summary.rate)}
<p><a class="button secondary" href="/admin/export/tasks.xlsx?task=${task.id}" id="export-task">导出本任务 Excel</a></p></section>
<section class="card" id="missing"><details${summary.progress.missing.length <= MISSING_OPEN ? html` open` : ''}><summary><h2 class="inline">未提交（${summary.progress.missing.length}）</h2></summary>
<div class="table-wrap"><table><thead><tr><th>姓名</th><th>电话</th><th>流入地</th><th>说明</th></tr></thead><tbody>
${summary.progress.missing.map(
  (
    m,
  ) => html`<tr><td><a href="/admin/members/${m.id}">${m.name}</a></td><td>${m.phone ?? ''}</td><td>${formatPlace({ province: m.destProvince, city: m.destCity })}</td>
<td>${summary.progress.submissions.get(m.id)?.status === 'rejected' ? '提交已驳回' : '未提交'}</td></tr>`,
)}</tbody></table></div></details></section>
${reviewForms(flagged, viewer)}
${gallery(subs, ctx.query.gallery === 'all', task.id)}
<section class="card"><h2>全部提交（${subs.length}）</h2><div class="table-wrap"><table><thead><tr><th>提交号</th><th>姓名</th><th>时间</th><th>状态</th><th>内容</th><th>附件</th></tr></thead><tbody>
${subs.map(
  ([
    s,
    m,
  ]) => html`<tr><td>S${s.id}</td><td>${m?.name ?? ''}</td><td>${formatLocal(new Date(s.updatedAt), tz)}${s.late ? html` <span class="tag gray">逾期</span>` : ''}</td>
<td>${STATUS_TAGS[s.status]}</td><td class="wrap">${s.note.slice(0, 120)}</td><td>${mediaLinks(s)}</td></tr>`,
)}</tbody></table></div></section>`;
      sendHtml(ctx, 200, layout(viewer, { title: `任务 #${task.id}《${task.title}》`, active: 'tasks', body }));
    }),
  );
}
