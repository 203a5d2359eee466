import type Router from '@koa/router';
import { attendanceSheet } from '../../meetings/attendance-sheet';
import { meetingCode } from '../../meetings/meeting';
import { quarterParam, quarterReports, visibleMeeting } from '../../reports/meeting-reports';
import { localDate } from '../../time/zoned-time';
import { exportMeetingAttendance } from '../../excel/export-meeting-attendance';
import { exportMeetingQuarters } from '../../excel/export-meeting-quarters';
import { attachmentHeader, workbookBuffer, XLSX_TYPE } from '../../excel/workbook';
import type { DashboardDeps } from './dashboard-deps';
import { branchChoice } from './branch-filter';
import { notFound, page } from './page';

/** Excel exports of the meetings pages, scoped exactly like the pages. */
export function meetingExportRoutes(router: Router, deps: DashboardDeps): void {
  const { store, clock, settings } = deps.services;
  const tz = settings.timezone;
  const file = (name: string, now: Date) => attachmentHeader(`${name}-${localDate(now, tz)}.xlsx`);

  router.get(
    '/admin/export/meetings/:id.xlsx',
    page(deps, async (ctx, viewer) => {
      const now = clock.now();
      const meeting = await visibleMeeting(store, viewer.scope, ctx.params.id);
      if (!meeting) return notFound(ctx, viewer, '没有这个会议，或不属于你管理的支部。');
      const wb = exportMeetingAttendance(
        await attendanceSheet(store, meeting),
        await store.branches.get(meeting.branchId),
        now,
        tz,
      );
      ctx.type = XLSX_TYPE;
      ctx.set('Content-Disposition', file(`${meetingCode(meeting.id)}签到表`, now));
      ctx.body = await workbookBuffer(wb);
    }),
  );

  router.get(
    '/admin/export/meeting-quarters.xlsx',
    page(deps, async (ctx, viewer) => {
      const now = clock.now();
      const choice = await branchChoice(store, viewer, ctx.query.branch);
      const quarter = quarterParam(ctx.query.quarter, now, tz);
      const branches = choice.selected ? [choice.selected] : choice.branches;
      const wb = exportMeetingQuarters(await quarterReports(store, branches, quarter, now, tz), now);
      ctx.type = XLSX_TYPE;
      ctx.set('Content-Disposition', file(`三会一课-${quarter.year}Q${quarter.q}`, now));
      ctx.body = await workbookBuffer(wb);
    }),
  );
}
