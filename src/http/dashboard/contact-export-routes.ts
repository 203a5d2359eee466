import type Router from '@koa/router';
import type ExcelJS from 'exceljs';
import type { Context } from 'koa';
import { outreachOf } from '../../contacts/outreach-settings';
import { exportCertificates } from '../../excel/export-certificates';
import { exportContacts } from '../../excel/export-contacts';
import { contactsReport } from '../../reports/contacts-report';
import { branchChoice } from './branch-filter';
import type { DashboardDeps } from './dashboard-deps';
import { page } from './page';

type Send = (ctx: Context, wb: ExcelJS.Workbook, name: string, now: Date, tz: string) => Promise<void>;

/** The 谈话走访 page's two exports, scoped exactly like the page (same branch filter, same members). */
export function contactExportRoutes(router: Router, deps: DashboardDeps, send: Send): void {
  const { store, clock, settings } = deps.services;
  const tz = settings.timezone;
  const report = async (ctx: Context, viewer: Parameters<Parameters<typeof page>[1]>[1], now: Date) => {
    const choice = await branchChoice(store, viewer, ctx.query.branch);
    const { contactWeeks, homecomingWindows } = outreachOf(settings);
    const opts = { branchId: choice.selected?.id, now, tz, contactWeeks, windows: homecomingWindows };
    return contactsReport(store, viewer.scope, opts);
  };
  router.get(
    '/admin/export/contacts.xlsx',
    page(deps, async (ctx, viewer) => {
      const now = clock.now();
      await send(ctx, exportContacts(await report(ctx, viewer, now), now, tz), '谈话走访', now, tz);
    }),
  );
  router.get(
    '/admin/export/certificates.xlsx',
    page(deps, async (ctx, viewer) => {
      const now = clock.now();
      const r = await report(ctx, viewer, now);
      const wb = exportCertificates(r.certificates, r.members, await store.branches.list(), now);
      await send(ctx, wb, '流动党员证明', now, tz);
    }),
  );
}
