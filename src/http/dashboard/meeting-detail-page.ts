import type Router from '@koa/router';
import { attendanceSheet, type AttendanceSheet } from '../../meetings/attendance-sheet';
import { MEETING_TYPE_NAMES, meetingCode } from '../../meetings/meeting';
import { meetingTime } from '../../meetings/meeting-format';
import { visibleMeeting } from '../../reports/meeting-reports';
import { formatLocal } from '../../time/zoned-time';
import type { DashboardDeps } from './dashboard-deps';
import { html, type SafeHtml } from './html';
import { layout } from './layout';
import { notFound, page, sendHtml } from './page';

/** One row per expected member (and anyone else who signed in): the attendance sheet. */
function sheetRows(sheet: AttendanceSheet, tz: string, ended: boolean): SafeHtml[] {
  const at = (iso: string) => formatLocal(new Date(iso), tz, true);
  return [
    ...sheet.present.map(
      (r) =>
        html`<tr><td>${r.member.name}</td><td><span class="tag ok">已签到</span></td><td>${at(r.attendance.updatedAt)}</td><td class="wrap">${r.attendance.photo ? '附现场照片' : ''}</td></tr>`,
    ),
    ...sheet.leave.map(
      (r) =>
        html`<tr><td>${r.member.name}</td><td><span class="tag gray">请假</span></td><td>${at(r.attendance.createdAt)}</td><td class="wrap">${r.attendance.reason ?? ''}</td></tr>`,
    ),
    ...sheet.absent.map(
      (m) =>
        html`<tr><td>${m.name}</td><td><span class="tag">${ended ? '缺席' : '未签到'}</span></td><td></td><td></td></tr>`,
    ),
  ];
}

/** A meeting's attendance sheet: who signed in and when, who asked for leave and why, who is absent. */
export function meetingDetailPage(router: Router, deps: DashboardDeps): void {
  router.get(
    '/admin/meetings/:id',
    page(deps, async (ctx, viewer) => {
      const { store, clock, settings } = deps.services;
      const tz = settings.timezone;
      const meeting = await visibleMeeting(store, viewer.scope, ctx.params.id);
      if (!meeting) return notFound(ctx, viewer, '没有这个会议，或不属于你管理的支部。');
      const sheet = await attendanceSheet(store, meeting);
      const ended = clock.now() > new Date(meeting.endsAt);
      const branch = await store.branches.get(meeting.branchId);
      const kpi = (label: string, value: number) => html`<div class="kpi"><b>${value}</b><span>${label}</span></div>`;
      const body = html`<section class="card"><p>${branch?.name ?? ''} · ${MEETING_TYPE_NAMES[meeting.type]} · ${meetingTime(meeting, tz)}</p>
${meeting.place ? html`<p>地点：${meeting.place}</p>` : ''}${meeting.onlineUrl ? html`<p class="wrap">线上：${meeting.onlineUrl}</p>` : ''}
<p>签到记 ${meeting.points} 分${meeting.photoRequired ? '，线下签到需附现场照片' : ''}</p>
<a class="button secondary" href="/admin/export/meetings/${meeting.id}.xlsx" id="export-attendance">导出签到表 Excel</a></section>
<div class="kpis">${kpi('应到', sheet.expected.length)}${kpi('已签到', sheet.present.length)}${kpi('请假', sheet.leave.length)}${kpi(ended ? '缺席' : '未签到', sheet.absent.length)}</div>
<section class="card"><h2>签到表</h2><div class="table-wrap"><table id="attendance"><thead><tr><th>姓名</th><th>情况</th><th>时间</th><th>说明</th></tr></thead>
<tbody>${sheetRows(sheet, tz, ended)}</tbody></table></div></section>
<p><a href="/admin/meetings">返回会议列表</a></p>`;
      sendHtml(
        ctx,
        200,
        layout(viewer, { title: `${meetingCode(meeting.id)}《${meeting.title}》`, active: 'meetings', body }),
      );
    }),
  );
}
