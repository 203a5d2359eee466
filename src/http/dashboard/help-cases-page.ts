import type Router from '@koa/router';
import { helpCaseFigures, hoursBetween, visibleHelpCases } from '../../reports/help-case-report';
import { RATING_LABELS, STATUS_LABELS, caseCode, type HelpCase, type HelpCaseStatus } from '../../help-cases/help-case';
import { CATEGORY_LABELS, type Category } from '../../answers/kb/category';
import type { Member } from '../../model';
import { formatLocal } from '../../time/zoned-time';
import type { DashboardDeps } from './dashboard-deps';
import { branchChoice, branchSelect } from './branch-filter';
import { html, jsonBlock, query, type SafeHtml } from './html';
import { layout } from './layout';
import type { ChartSpec } from './overview-page';
import { page, sendHtml } from './page';

const SHOWN = 200;
const STATUS_TAG: Record<HelpCaseStatus, string> = { open: 'tag', replied: 'tag gray', closed: 'tag ok' };

/** `36 小时` or `2.5 天`: short times in hours, long ones in days. */
export function duration(hours: number | undefined): string {
  if (hours === undefined) return '—';
  return hours < 48 ? `${Math.round(hours * 10) / 10} 小时` : `${Math.round((hours / 24) * 10) / 10} 天`;
}

function choices<K extends string>(
  labels: Record<K, string>,
  selected: string | undefined,
  name: string,
  label: string,
): SafeHtml {
  return html`<label>${label}<select name="${name}"><option value="">全部</option>${(Object.keys(labels) as K[]).map(
    (k) => html`<option value="${k}"${k === selected ? html` selected` : ''}>${labels[k]}</option>`,
  )}</select></label>`;
}

function caseRow(c: HelpCase, members: Map<number, Member>, tz: string): SafeHtml {
  const text = [...c.content];
  return html`<tr><td>${caseCode(c.id)}</td><td>${formatLocal(new Date(c.createdAt), tz, true)}</td><td>${members.get(c.memberId)?.name ?? ''}</td>
<td>${CATEGORY_LABELS[c.category]}</td><td><span class="${STATUS_TAG[c.status]}">${STATUS_LABELS[c.status]}</span>${c.escalatedAt && c.status === 'open' ? html` <span class="tag">已上报</span>` : ''}</td>
<td class="wrap">${text.length > 60 ? `${text.slice(0, 60).join('')}…` : c.content}</td><td class="hide-sm">${c.assigneeId === undefined ? '' : (members.get(c.assigneeId)?.name ?? '')}</td>
<td class="hide-sm">${duration(hoursBetween(c.createdAt, c.firstReplyAt))}</td><td>${duration(hoursBetween(c.createdAt, c.closedAt))}</td>
<td class="hide-sm">${c.rating ? RATING_LABELS[c.rating] : ''}</td></tr>`;
}

/** Help cases of the branches in scope: list, status, counts per category and the time to answer and to close. */
export function helpCasesPage(router: Router, deps: DashboardDeps): void {
  router.get(
    '/admin/help-cases',
    page(deps, async (ctx, viewer) => {
      const { store, settings } = deps.services;
      const choice = await branchChoice(store, viewer, ctx.query.branch);
      const all = await visibleHelpCases(store, viewer.scope, choice.selected?.id);
      const status = (Object.keys(STATUS_LABELS) as HelpCaseStatus[]).find((s) => s === ctx.query.status);
      const category = (Object.keys(CATEGORY_LABELS) as Category[]).find((c) => c === ctx.query.category);
      const cases = all.filter((c) => (!status || c.status === status) && (!category || c.category === category));
      const members = new Map<number, Member>();
      for (const id of new Set(
        cases
          .slice(0, SHOWN)
          .flatMap((c) => [c.memberId, c.assigneeId])
          .filter((x): x is number => x !== undefined),
      )) {
        const m = await store.members.get(id);
        if (m) members.set(id, m);
      }
      const figures = helpCaseFigures(all);
      const charts: ChartSpec[] = [
        {
          id: 'category',
          title: '各类求助',
          kind: 'pie',
          unit: '件',
          data: figures.slice(0, -1).map((f) => ({ name: f.label, value: f.total })),
        },
        {
          id: 'status',
          title: '办理状态',
          kind: 'bar',
          data: (Object.keys(STATUS_LABELS) as HelpCaseStatus[]).map((s) => ({
            name: STATUS_LABELS[s],
            value: figures.at(-1)!.byStatus[s],
          })),
        },
      ];
      const body = html`<form class="filters card" method="get" action="/admin/help-cases">${branchSelect(choice)}
${choices(STATUS_LABELS, status, 'status', '状态')}${choices(CATEGORY_LABELS, category, 'category', '分类')}<button>筛选</button>
<a class="button secondary" href="/admin/export/help-cases.xlsx${query({ branch: choice.selected?.id, status, category })}" id="export-help">导出 Excel</a></form>
<div class="grid">${charts.map((c) => html`<section class="card"><h2>${c.title}</h2><div class="chart" id="chart-${c.id}" role="img" aria-label="${c.title}"></div></section>`)}</div>
<section class="card"><h2>分类统计与办理用时</h2><div class="table-wrap"><table id="help-figures"><thead><tr><th>分类</th><th class="num">合计</th><th class="num">待回复</th><th class="num">已回复</th>
<th class="num">已结案</th><th class="num">首次回复（中位）</th><th class="num">结案用时（中位）</th><th class="num">结案用时（平均）</th></tr></thead>
<tbody>${figures.map(
        (
          f,
        ) => html`<tr><td>${f.label}</td><td class="num">${f.total}</td><td class="num">${f.byStatus.open}</td><td class="num">${f.byStatus.replied}</td>
<td class="num">${f.byStatus.closed}</td><td class="num">${duration(f.medianHoursToFirstReply)}</td><td class="num">${duration(f.medianHoursToClose)}</td><td class="num">${duration(f.averageHoursToClose)}</td></tr>`,
      )}</tbody></table></div></section>
<section class="card"><h2>求助记录（${cases.length}${cases.length > SHOWN ? `，显示最近 ${SHOWN} 条` : ''}）</h2>
<div class="table-wrap"><table id="help-cases"><thead><tr><th>编号</th><th>时间</th><th>党员</th><th>分类</th><th>状态</th><th>内容</th><th class="hide-sm">负责人</th>
<th class="hide-sm">首次回复</th><th>结案用时</th><th class="hide-sm">评价</th></tr></thead>
<tbody>${cases.slice(0, SHOWN).map((c) => caseRow(c, members, settings.timezone))}</tbody></table></div>
${cases.length ? '' : html`<p class="muted">没有求助记录。党员在群里或私聊发「求助 …」即会登记。</p>`}</section>
${jsonBlock('chart-data', charts)}`;
      sendHtml(
        ctx,
        200,
        layout(viewer, {
          title: '求助',
          active: 'help',
          body,
          scripts: ['echarts.min.js', 'charts.js', 'page-charts.js'],
        }),
      );
    }),
  );
}
