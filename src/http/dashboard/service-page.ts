import type Router from '@koa/router';
import { exportService } from '../../excel/export-service';
import { attachmentHeader, workbookBuffer, XLSX_TYPE } from '../../excel/workbook';
import { claimRows, serviceRows, type ServiceRow } from '../../reports/service-report';
import { SERVICE_NAMES, serviceCode, type ServiceKind } from '../../service/service-records';
import { localDate } from '../../time/zoned-time';
import { branchChoice, branchSelect } from './branch-filter';
import type { DashboardDeps } from './dashboard-deps';
import { html, query, type SafeHtml } from './html';
import { layout } from './layout';
import { page, sendHtml } from './page';
import { percent, rateBar } from './tasks-page';

const KINDS: ServiceKind[] = ['activity', 'wish'];
const kindOf = (raw: unknown) => KINDS.find((k) => k === raw);

function itemRow(r: ServiceRow, branchName: string): SafeHtml {
  const fill = r.item.places ? r.held / r.item.places : 0;
  return html`<tr><td><a href="/admin/service/${r.item.id}">${serviceCode(r.item)}</a></td><td>${SERVICE_NAMES[r.item.kind]}</td>
<td class="wrap"><a href="/admin/service/${r.item.id}">${r.item.title}</a></td><td class="hide-sm">${branchName}</td>
<td class="hide-sm wrap">${[r.item.time, r.item.place].filter(Boolean).join(' · ')}</td>
<td class="num">${r.held}/${r.item.places}</td><td class="hide-sm">${rateBar(fill)}</td><td class="num">${r.completed}</td>
<td class="num">${r.confirmed}</td><td class="num">${r.points}</td></tr>`;
}

/** 奉献: the 微心愿 and volunteer activities in scope with their places, completions and points, and the export. */
export function servicePage(router: Router, deps: DashboardDeps): void {
  const { store, clock, settings } = deps.services;
  router.get(
    '/admin/service',
    page(deps, async (ctx, viewer) => {
      const choice = await branchChoice(store, viewer, ctx.query.branch);
      const kind = kindOf(ctx.query.kind);
      const rows = await serviceRows(store, viewer.scope, { branchId: choice.selected?.id, kind });
      const names = new Map(choice.branches.map((b) => [b.id, b.name]));
      const places = rows.reduce((n, r) => n + r.item.places, 0);
      const held = rows.reduce((n, r) => n + r.held, 0);
      const points = rows.reduce((n, r) => n + r.points, 0);
      const kindSelect = html`<label>类型 <select name="kind"><option value="">全部</option>${KINDS.map((k) => html`<option value="${k}"${k === kind ? html` selected` : ''}>${SERVICE_NAMES[k]}</option>`)}</select></label>`;
      const body = html`<form class="filters card" method="get" action="/admin/service">${branchSelect(choice)}${kindSelect}<button>查看</button>
<a class="button secondary" href="/admin/export/service.xlsx${query({ branch: choice.selected?.id, kind })}" id="export-service">导出活动和心愿 Excel</a></form>
<div class="kpis"><div class="kpi"><b>${rows.length}</b><span>活动和心愿</span></div>
<div class="kpi"><b>${held}/${places}</b><span>名额认领（${percent(places ? held / places : 0)}）</span></div>
<div class="kpi"><b id="service-points">${points}</b><span>奉献积分</span></div></div>
<section class="card"><h2>微心愿和志愿活动</h2><div class="table-wrap"><table id="service"><thead><tr><th>编号</th><th>类型</th><th>内容</th><th class="hide-sm">支部</th><th class="hide-sm">时间地点</th>
<th class="num">已认领/名额</th><th class="hide-sm"></th><th class="num">已完成</th><th class="num">已确认</th><th class="num">奉献积分</th></tr></thead>
<tbody>${rows.map((r) => itemRow(r, names.get(r.item.branchId) ?? ''))}</tbody></table></div>
${rows.length ? '' : html`<p class="muted">还没有微心愿或志愿活动。支部书记在群里发送「发布心愿」或「发布活动」即可发布。</p>`}</section>`;
      sendHtml(ctx, 200, layout(viewer, { title: '奉献', active: 'service', body }));
    }),
  );
  router.get(
    '/admin/export/service.xlsx',
    page(deps, async (ctx, viewer) => {
      const now = clock.now();
      const choice = await branchChoice(store, viewer, ctx.query.branch);
      const rows = await serviceRows(store, viewer.scope, {
        branchId: choice.selected?.id,
        kind: kindOf(ctx.query.kind),
      });
      const claims = new Map();
      for (const r of rows) claims.set(r.item.id, await claimRows(store, r.item.id));
      ctx.type = XLSX_TYPE;
      ctx.set('Content-Disposition', attachmentHeader(`活动和心愿-${localDate(now, settings.timezone)}.xlsx`));
      ctx.body = await workbookBuffer(exportService(rows, claims, choice.branches, now, settings.timezone));
    }),
  );
}
