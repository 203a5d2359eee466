import type Router from '@koa/router';
import type { Member } from '../../model';
import { visibleOpinions } from '../../reports/opinion-report';
import { exportOpinions } from '../../excel/export-opinions';
import { attachmentHeader, workbookBuffer, XLSX_TYPE } from '../../excel/workbook';
import { localDate } from '../../time/zoned-time';
import type { DashboardDeps } from './dashboard-deps';
import { branchChoice } from './branch-filter';
import { page } from './page';

/** `/admin/export/opinions.xlsx`: the opinions of the 群众满意度 page, scoped like it (anonymous ones unnamed). */
export function opinionExportRoute(router: Router, deps: DashboardDeps): void {
  const { store, clock, settings } = deps.services;
  router.get(
    '/admin/export/opinions.xlsx',
    page(deps, async (ctx, viewer) => {
      const now = clock.now();
      const choice = await branchChoice(store, viewer, ctx.query.branch);
      const opinions = await visibleOpinions(store, viewer.scope, choice.selected?.id);
      const members = new Map<number, Member>();
      for (const id of new Set(opinions.map((o) => o.memberId).filter((x): x is number => x !== undefined))) {
        const m = await store.members.get(id);
        if (m) members.set(id, m);
      }
      ctx.type = XLSX_TYPE;
      ctx.set('Content-Disposition', attachmentHeader(`意见建议-${localDate(now, settings.timezone)}.xlsx`));
      ctx.body = await workbookBuffer(exportOpinions(opinions, members, choice.branches, now, settings.timezone));
    }),
  );
}
