import type Router from '@koa/router';
import { visibleMembers } from '../../access/access-scope';
import { categorySplit } from '../../points/categories';
import { PERIOD_NAMES, periodRange, type Period } from '../../points/periods';
import { branchAverages, monthlyTrend, rankMembers } from '../../reports/points-report';
import type { DashboardDeps } from './dashboard-deps';
import { branchChoice, branchSelect } from './branch-filter';
import { html, jsonBlock, query } from './html';
import { layout } from './layout';
import type { ChartSpec } from './overview-page';
import { page, sendHtml } from './page';

const TOP = 100;
const PERIODS: Period[] = ['week', 'month', 'all'];

/** Rankings, 人均 per branch and the monthly trend, for the members in scope. */
export function pointsPage(router: Router, deps: DashboardDeps): void {
  router.get(
    '/admin/points',
    page(deps, async (ctx, viewer) => {
      const { store, clock, settings } = deps.services;
      const now = clock.now();
      const period = PERIODS.find((p) => p === ctx.query.period) ?? 'all';
      const choice = await branchChoice(store, viewer, ctx.query.branch);
      const members = await visibleMembers(store, viewer.scope, choice.selected?.id);
      const ranked = await rankMembers(store, members, period, now, settings.timezone, choice.selected?.id);
      const averages = (
        await branchAverages(
          store,
          members,
          choice.selected ? [choice.selected] : choice.branches,
          period,
          now,
          settings.timezone,
        )
      ).filter((a) => a.members > 0);
      const split = await categorySplit(
        store,
        ranked.slice(0, TOP).map((r) => r.item.id),
        { ...periodRange(period, now, settings.timezone), branchId: choice.selected?.id },
      );
      const trend = await monthlyTrend(store, new Set(members.map((m) => m.id)), now, settings.timezone);
      const names = new Map(choice.branches.map((b) => [b.id, b.name]));
      const charts: ChartSpec[] = [
        { id: 'trend', title: '每月积分', kind: 'line', data: trend.map((t) => ({ name: t.month, value: t.points })) },
        {
          id: 'average',
          title: `各支部人均积分（${PERIOD_NAMES[period]}）`,
          kind: 'hbar',
          data: averages.map((a) => ({ name: a.branch.name, value: a.average })),
        },
      ];
      const periodLinks = PERIODS.map(
        (p) =>
          html`<a href="/admin/points${query({ period: p, branch: choice.selected?.id })}"${p === period ? html` class="button"` : html` class="button secondary"`}>${PERIOD_NAMES[p]}榜</a> `,
      );
      const body = html`<form class="filters card" method="get" action="/admin/points"><input type="hidden" name="period" value="${period}">${branchSelect(choice)}<button>查看</button>
<a class="button secondary" href="/admin/export/points.xlsx${query({ branch: choice.selected?.id })}" id="export-points">导出积分明细 Excel</a></form>
<div class="actions card">${periodLinks}</div>
<div class="grid">${charts.map((c) => html`<section class="card"><h2>${c.title}</h2><div class="chart" id="chart-${c.id}" role="img" aria-label="${c.title}"></div></section>`)}</div>
<section class="card"><h2>人均积分</h2><div class="table-wrap"><table><thead><tr><th>支部</th><th class="num">党员</th><th class="num">总积分</th><th class="num">人均</th></tr></thead>
<tbody>${averages.map((a) => html`<tr><td>${a.branch.name}</td><td class="num">${a.members}</td><td class="num">${a.total}</td><td class="num">${a.average}</td></tr>`)}</tbody></table></div></section>
<section class="card"><h2>${PERIOD_NAMES[period]}排名（前 ${TOP} 名）</h2><div class="table-wrap"><table id="ranking"><thead><tr><th class="num">名次</th><th>姓名</th><th class="hide-sm">支部</th><th class="num">学习</th><th class="num">奉献</th><th class="num">合计</th></tr></thead>
<tbody>${ranked.slice(0, TOP).map(
        (r) => html`<tr><td class="num">${r.rank}</td><td><a href="/admin/members/${r.item.id}">${r.item.name}</a></td>
<td class="hide-sm">${[r.item.homeBranchId, r.item.hostBranchId]
          .map((id) => (id === undefined ? '' : (names.get(id) ?? '')))
          .filter(Boolean)
          .join(
            ' / ',
          )}</td><td class="num">${split.get(r.item.id)?.study ?? 0}</td><td class="num">${split.get(r.item.id)?.service ?? 0}</td><td class="num">${r.score}</td></tr>`,
      )}</tbody></table></div></section>
${jsonBlock('chart-data', charts)}`;
      sendHtml(
        ctx,
        200,
        layout(viewer, {
          title: '积分',
          active: 'points',
          body,
          scripts: ['echarts.min.js', 'charts.js', 'page-charts.js'],
        }),
      );
    }),
  );
}
