import type Router from '@koa/router';
import { branchCompletion, taskSummaries, type TaskSummary } from '../../reports/task-completion';
import { formatLocal } from '../../time/zoned-time';
import type { DashboardDeps } from './dashboard-deps';
import { branchChoice, branchSelect } from './branch-filter';
import { html, query, type SafeHtml } from './html';
import { layout } from './layout';
import { page, sendHtml } from './page';
import { visibleTasks } from './visible-tasks';

export const percent = (rate: number) => `${Math.round(rate * 100)}%`;

export function rateBar(rate: number): SafeHtml {
  return html`<div class="bar" title="${percent(rate)}"><i style="width:${Math.round(rate * 100)}%"></i></div>`;
}

function taskRow(s: TaskSummary, branchName: string, tz: string, now: Date): SafeHtml {
  const open = new Date(s.task.deadline) > now;
  return html`<tr><td class="num">#${s.task.id}</td><td class="wrap"><a href="/admin/tasks/${s.task.id}">${s.task.title}</a></td>
<td class="hide-sm">${branchName}</td><td>${formatLocal(new Date(s.task.deadline), tz, true)} ${open ? html`<span class="tag ok">进行中</span>` : ''}</td>
<td class="num">${s.done}/${s.expected}</td><td>${rateBar(s.rate)}</td><td class="num">${percent(s.rate)}</td>
<td class="num hide-sm">${s.late}</td><td class="num">${s.flagged ? html`<a href="/admin/tasks/${s.task.id}#review"><span class="tag">${s.flagged}</span></a>` : '0'}</td></tr>`;
}

/** Completion per task and per branch for the tasks in scope. */
export function tasksPage(router: Router, deps: DashboardDeps): void {
  router.get(
    '/admin/tasks',
    page(deps, async (ctx, viewer) => {
      const { store, clock, settings } = deps.services;
      const now = clock.now();
      const choice = await branchChoice(store, viewer, ctx.query.branch);
      const summaries = await taskSummaries(store, await visibleTasks(store, choice));
      const names = new Map(choice.branches.map((b) => [b.id, b.name]));
      const perBranch = branchCompletion(summaries, choice.selected ? [choice.selected] : choice.branches);
      const body = html`<form class="filters card" method="get" action="/admin/tasks">${branchSelect(choice)}<button>查看</button>
<a class="button secondary" href="/admin/export/tasks.xlsx${query({ branch: choice.selected?.id })}" id="export-tasks">导出完成情况 Excel</a></form>
<section class="card"><h2>各支部完成率</h2><div class="table-wrap"><table><thead><tr><th>支部</th><th class="num">任务数</th><th class="num">已交/应交</th><th></th><th class="num">完成率</th></tr></thead>
<tbody>${perBranch.map((b) => html`<tr><td>${b.branch.name}</td><td class="num">${b.tasks}</td><td class="num">${b.done}/${b.expected}</td><td>${rateBar(b.rate)}</td><td class="num">${percent(b.rate)}</td></tr>`)}</tbody></table></div>
${perBranch.length ? '' : html`<p class="muted">还没有任务。</p>`}</section>
<section class="card"><h2>各任务完成情况</h2><div class="table-wrap"><table id="tasks"><thead><tr><th class="num">任务号</th><th>任务</th><th class="hide-sm">支部</th><th>截止</th>
<th class="num">已交/应交</th><th></th><th class="num">完成率</th><th class="num hide-sm">逾期</th><th class="num">待审核</th></tr></thead>
<tbody>${summaries.map((s) => taskRow(s, names.get(s.task.branchId) ?? '', settings.timezone, now))}</tbody></table></div></section>`;
      sendHtml(ctx, 200, layout(viewer, { title: '任务', active: 'tasks', body }));
    }),
  );
}
