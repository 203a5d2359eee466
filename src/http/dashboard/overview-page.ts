import type Router from '@koa/router';
import { visibleMembers } from '../../access/access-scope';
import { visibleHelpCases } from '../../reports/help-case-report';
import { contactSigns } from '../../contacts/contact-signs';
import { FLAG_NAMES } from '../../members/member-flags';
import { memberStats, type Count } from '../../reports/member-stats';
import type { DashboardDeps } from './dashboard-deps';
import { branchChoice, branchSelect } from './branch-filter';
import { html, jsonBlock, query } from './html';
import { layout } from './layout';
import { page, sendHtml } from './page';

export interface ChartSpec {
  id: string;
  title: string;
  kind: 'pie' | 'bar' | 'hbar' | 'line';
  data: Count[];
  /** Counted thing in pie labels (default 人). */
  unit?: string;
}

/** 一目了然: the structure of the membership in scope, as charts drawn by overview.js from a JSON block. */
export function overviewPage(router: Router, deps: DashboardDeps): void {
  router.get(
    '/admin',
    page(deps, async (ctx, viewer) => {
      const { store, clock, settings } = deps.services;
      const now = clock.now();
      const choice = await branchChoice(store, viewer, ctx.query.branch);
      const members = await visibleMembers(store, viewer.scope, choice.selected?.id);
      const stats = memberStats(
        members,
        choice.selected ? [choice.selected] : choice.branches,
        now,
        settings.timezone,
        deps.flagRules,
        await contactSigns(store, members, now, settings.timezone),
      );
      const waitingHelp = (await visibleHelpCases(store, viewer.scope, choice.selected?.id)).filter(
        (c) => c.status === 'open',
      ).length;
      const charts: ChartSpec[] = [
        { id: 'status', title: '党员状态', kind: 'pie', data: stats.byStatus },
        { id: 'gender', title: '性别', kind: 'pie', data: stats.byGender },
        { id: 'age', title: '年龄结构', kind: 'bar', data: stats.byAge },
        { id: 'education', title: '学历结构', kind: 'bar', data: stats.byEducation },
        { id: 'province', title: '流入地（省份）', kind: 'hbar', data: stats.byProvince },
        { id: 'city', title: '流入地（城市）', kind: 'hbar', data: stats.byCity },
        { id: 'registration', title: '流出地 / 流入地报到（双报）', kind: 'pie', data: stats.registration },
        {
          id: 'branch',
          title: '各支部党员数',
          kind: 'hbar',
          data: stats.byBranch.map((b) => ({
            name: `${b.name}（${b.kind === 'home' ? '流出' : '流入'}）`,
            value: b.value,
          })),
        },
      ];
      const b = choice.selected?.id;
      const kpi = (label: string, value: number, href: string) =>
        html`<a class="kpi" href="${href}"><b>${value}</b><span>${label}</span></a>`;
      const body = html`
<form class="filters card" method="get" action="/admin">${branchSelect(choice)}<button>查看</button></form>
<div class="kpis">
  ${kpi('党员总数', stats.total, `/admin/members${query({ branch: b })}`)}
  ${kpi('正常', stats.byStatus.find((c) => c.name === '正常')?.value ?? 0, `/admin/members${query({ branch: b, status: 'active' })}`)}
  ${kpi(FLAG_NAMES.away6, stats.flags.away6, `/admin/members${query({ branch: b, flag: 'away6' })}`)}
  ${kpi(FLAG_NAMES.noCertificate, stats.flags.noCertificate, `/admin/members${query({ branch: b, flag: 'noCertificate' })}`)}
  ${kpi(FLAG_NAMES.outOfContact, stats.flags.outOfContact, `/admin/members${query({ branch: b, flag: 'outOfContact' })}`)}
  ${kpi('已转出', stats.byStatus.find((c) => c.name === '已转出')?.value ?? 0, `/admin/members${query({ branch: b, status: 'transferred' })}`)}
  ${kpi('求助待回复', waitingHelp, `/admin/help-cases${query({ branch: b, status: 'open' })}`)}
</div>
<div class="grid">${charts.map(
        (c) => html`<section class="card"><h2>${c.title}</h2>
  <div class="chart" id="chart-${c.id}" role="img" aria-label="${c.title}：${c.data.map((d) => `${d.name} ${d.value}`).join('，')}"></div></section>`,
      )}</div>
${jsonBlock('chart-data', charts)}`;
      sendHtml(
        ctx,
        200,
        layout(viewer, {
          title: choice.selected ? `概览 · ${choice.selected.name}` : '概览',
          active: 'overview',
          body,
          scripts: ['echarts.min.js', 'charts.js', 'page-charts.js'],
        }),
      );
    }),
  );
}
