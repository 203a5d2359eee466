import type Router from '@koa/router';
import type ExcelJS from 'exceljs';
import type { Context } from 'koa';
import { visibleMembers } from '../../access/access-scope';
import { actorNames } from '../../members/actor-names';
import { contactSigns } from '../../contacts/contact-signs';
import { visibleHelpCases } from '../../reports/help-case-report';
import type { Member } from '../../model';
import { ledgerOf, rankMembers } from '../../reports/points-report';
import { taskSummaries } from '../../reports/task-completion';
import { localDate } from '../../time/zoned-time';
import { exportHelpCases } from '../../excel/export-help-cases';
import { exportMembers } from '../../excel/export-members';
import { exportPoints } from '../../excel/export-points';
import { categorySplit } from '../../points/categories';
import { exportTaskCompletion } from '../../excel/export-task-completion';
import { contactExportRoutes } from './contact-export-routes';
import { attachmentHeader, workbookBuffer, XLSX_TYPE } from '../../excel/workbook';
import type { DashboardDeps } from './dashboard-deps';
import { branchChoice } from './branch-filter';
import { filterMembers, readMemberFilter } from './member-filter';
import { page } from './page';
import { visibleTask, visibleTasks } from './visible-tasks';

async function send(ctx: Context, wb: ExcelJS.Workbook, name: string, now: Date, tz: string): Promise<void> {
  ctx.type = XLSX_TYPE;
  ctx.set('Content-Disposition', attachmentHeader(`${name}-${localDate(now, tz)}.xlsx`));
  ctx.body = await workbookBuffer(wb);
}

/** Excel exports, each scoped exactly like the page it comes from (same filters, same branches). */
export function exportRoutes(router: Router, deps: DashboardDeps): void {
  const { store, clock, settings } = deps.services;
  const tz = settings.timezone;

  router.get(
    '/admin/export/members.xlsx',
    page(deps, async (ctx, viewer) => {
      const now = clock.now();
      const choice = await branchChoice(store, viewer, ctx.query.branch);
      const visible = await visibleMembers(store, viewer.scope, choice.selected?.id);
      const signs = await contactSigns(store, visible, now, tz);
      const members = filterMembers(visible, readMemberFilter(ctx.query), now, tz, deps.flagRules, signs);
      await send(
        ctx,
        exportMembers(members, await store.branches.list(), now, tz, deps.flagRules, signs),
        '党员名单',
        now,
        tz,
      );
    }),
  );

  router.get(
    '/admin/export/tasks.xlsx',
    page(deps, async (ctx, viewer) => {
      const now = clock.now();
      const choice = await branchChoice(store, viewer, ctx.query.branch);
      const one = typeof ctx.query.task === 'string' ? await visibleTask(store, viewer, ctx.query.task) : undefined;
      const tasks = typeof ctx.query.task === 'string' ? (one ? [one] : []) : await visibleTasks(store, choice);
      await send(
        ctx,
        exportTaskCompletion(await taskSummaries(store, tasks), choice.branches, now, tz),
        one ? `任务${one.id}完成情况` : '任务完成情况',
        now,
        tz,
      );
    }),
  );

  router.get(
    '/admin/export/points.xlsx',
    page(deps, async (ctx, viewer) => {
      const now = clock.now();
      const choice = await branchChoice(store, viewer, ctx.query.branch);
      const members = await visibleMembers(store, viewer.scope, choice.selected?.id);
      const entries = await ledgerOf(store, new Set(members.map((m) => m.id)));
      const ranking = await rankMembers(store, members, 'all', now, tz);
      const split = await categorySplit(
        store,
        ranking.map((r) => r.item.id),
      );
      const actors = await actorNames(
        store,
        entries.map((e) => e.actor),
      );
      await send(
        ctx,
        exportPoints(entries, ranking, new Map(members.map((m) => [m.id, m])), actors, choice.branches, now, tz, split),
        '积分明细',
        now,
        tz,
      );
    }),
  );

  router.get(
    '/admin/export/help-cases.xlsx',
    page(deps, async (ctx, viewer) => {
      const now = clock.now();
      const choice = await branchChoice(store, viewer, ctx.query.branch);
      const cases = (await visibleHelpCases(store, viewer.scope, choice.selected?.id)).filter(
        (c) =>
          (!ctx.query.status || c.status === ctx.query.status) &&
          (!ctx.query.category || c.category === ctx.query.category),
      );
      const people = new Map<number, Member>();
      for (const id of new Set(
        cases.flatMap((c) => [c.memberId, c.assigneeId]).filter((x): x is number => x !== undefined),
      )) {
        const m = await store.members.get(id);
        if (m) people.set(id, m);
      }
      await send(ctx, exportHelpCases(cases, people, await store.branches.list(), now, tz), '求助记录', now, tz);
    }),
  );

  contactExportRoutes(router, deps, send);
}
