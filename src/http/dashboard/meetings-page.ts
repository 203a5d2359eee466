import type Router from '@koa/router';
import type { AttendanceSheet } from '../../meetings/attendance-sheet';
import { MEETING_TYPE_NAMES, meetingCode } from '../../meetings/meeting';
import type { Quarter, QuarterReport, TypeFigures } from '../../reports/meeting-quarters';
import { meetingSheets, quarterParam, quarterReports, recentQuarters } from '../../reports/meeting-reports';
import { formatLocal } from '../../time/zoned-time';
import type { DashboardDeps } from './dashboard-deps';
import { branchChoice, branchSelect, type BranchChoice } from './branch-filter';
import { html, jsonBlock, query, type SafeHtml } from './html';
import { layout } from './layout';
import type { ChartSpec } from './overview-page';
import { page, sendHtml } from './page';
import { percent, rateBar } from './tasks-page';

const qParam = (q: Quarter) => `${q.year}-${q.q}`;

function quarterSelect(quarters: Quarter[], selected: Quarter): SafeHtml {
  return html`<label>季度<select name="quarter">${quarters.map(
    (q) =>
      html`<option value="${qParam(q)}"${qParam(q) === qParam(selected) ? html` selected` : ''}>${q.label}</option>`,
  )}</select></label>`;
}

function typeCell(t: TypeFigures): SafeHtml {
  if (!t.required) return html`<td class="num">${t.held}</td>`;
  const tag =
    t.held >= t.required
      ? html`<span class="tag ok">达标</span>`
      : t.held + t.scheduled < t.dueByNow
        ? html`<span class="tag">落后</span>`
        : html`<span class="tag gray">进行中</span>`;
  return html`<td class="num">${t.held}/${t.required} ${tag}</td>`;
}

function quarterTable(reports: QuarterReport[]): SafeHtml {
  const types = Object.values(MEETING_TYPE_NAMES);
  return html`<section class="card"><h2>三会一课（已开/应开）</h2><div class="table-wrap"><table id="three-meetings">
<thead><tr><th>支部</th>${types.map((t) => html`<th class="num">${t}</th>`)}</tr></thead>
<tbody>${reports.map((r) => html`<tr><td>${r.branch.name}</td>${r.types.map(typeCell)}</tr>`)}</tbody></table></div>
<p class="muted">支部党员大会、党课每季度至少 1 次；支委会、党小组会每月 1 次（每季度 3 次）；主题党日只计次数。</p></section>`;
}

function memberRates(report: QuarterReport): SafeHtml {
  return html`<section class="card"><h2>党员参会率 · ${report.branch.name}</h2><div class="table-wrap"><table id="member-rates">
<thead><tr><th>姓名</th><th class="num">签到</th><th class="num">请假</th><th class="num">已开会议</th><th></th><th class="num">参会率</th></tr></thead>
<tbody>${report.members.map(
    (m) =>
      html`<tr><td>${m.member.name}</td><td class="num">${m.present}</td><td class="num">${m.leave}</td><td class="num">${m.meetings}</td><td>${rateBar(m.rate)}</td><td class="num">${percent(m.rate)}</td></tr>`,
  )}</tbody></table></div></section>`;
}

function meetingRow(s: AttendanceSheet, branchName: string, tz: string): SafeHtml {
  const m = s.meeting;
  return html`<tr><td class="num">${meetingCode(m.id)}</td><td class="wrap"><a href="/admin/meetings/${m.id}">${m.title}</a></td>
<td>${MEETING_TYPE_NAMES[m.type]}</td><td class="hide-sm">${branchName}</td><td>${formatLocal(new Date(m.startsAt), tz, true)}</td>
<td class="num">${s.present.length}/${s.expected.length}</td><td class="num">${s.leave.length}</td></tr>`;
}

function meetingList(sheets: AttendanceSheet[], choice: BranchChoice, tz: string): SafeHtml {
  const names = new Map(choice.branches.map((b) => [b.id, b.name]));
  return html`<section class="card"><h2>会议列表</h2><div class="table-wrap"><table id="meetings">
<thead><tr><th class="num">编号</th><th>会议</th><th>类型</th><th class="hide-sm">支部</th><th>时间</th><th class="num">签到/应到</th><th class="num">请假</th></tr></thead>
<tbody>${sheets.map((s) => meetingRow(s, names.get(s.meeting.branchId) ?? '', tz))}</tbody></table></div>
${sheets.length ? '' : html`<p class="muted">这个季度还没有会议。</p>`}</section>`;
}

/** Held per type, summed over the branches shown (a chart where people would rather look than read). */
function heldChart(reports: QuarterReport[]): ChartSpec {
  const data = Object.entries(MEETING_TYPE_NAMES).map(([type, name]) => ({
    name,
    value: reports.reduce((sum, r) => sum + (r.types.find((t) => t.type === type)?.held ?? 0), 0),
  }));
  return { id: 'held', title: '本季度已开会议（次）', kind: 'bar', data, unit: '次' };
}

/** Meetings (组织生活) of the branches in scope: 三会一课 per quarter, members' attendance rates, the meetings. */
export function meetingsPage(router: Router, deps: DashboardDeps): void {
  router.get(
    '/admin/meetings',
    page(deps, async (ctx, viewer) => {
      const { store, clock, settings } = deps.services;
      const tz = settings.timezone;
      const now = clock.now();
      const choice = await branchChoice(store, viewer, ctx.query.branch);
      const quarter = quarterParam(ctx.query.quarter, now, tz);
      const branches = choice.selected ? [choice.selected] : choice.branches;
      const reports = await quarterReports(store, branches, quarter, now, tz);
      const sheets = await meetingSheets(store, branches, quarter);
      const chart = heldChart(reports);
      const exportQuery = query({ branch: choice.selected?.id, quarter: qParam(quarter) });
      const body = html`<form class="filters card" method="get" action="/admin/meetings">${branchSelect(choice)}${quarterSelect(recentQuarters(now, tz), quarter)}<button>查看</button>
<a class="button secondary" href="/admin/export/meeting-quarters.xlsx${exportQuery}" id="export-quarters">导出三会一课 Excel</a></form>
${quarterTable(reports)}
<section class="card"><h2>${chart.title}</h2><div class="chart" id="chart-${chart.id}" role="img" aria-label="${chart.title}：${chart.data.map((d) => `${d.name} ${d.value}`).join('，')}"></div></section>
${reports.length === 1 ? memberRates(reports[0]) : html`<p class="muted">选择一个支部可查看每名党员的参会率。</p>`}
${meetingList(sheets, choice, tz)}
${jsonBlock('chart-data', [chart])}`;
      sendHtml(
        ctx,
        200,
        layout(viewer, {
          title: `会议 · ${quarter.label}`,
          active: 'meetings',
          body,
          scripts: ['echarts.min.js', 'charts.js', 'page-charts.js'],
        }),
      );
    }),
  );
}
