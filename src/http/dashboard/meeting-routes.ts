import type Router from '@koa/router';
import type { DashboardDeps } from './dashboard-deps';
import { meetingDetailPage } from './meeting-detail-page';
import { meetingExportRoutes } from './meeting-export-routes';
import { meetingsPage } from './meetings-page';

/** The meetings pages and their exports; the export routes go first so `/admin/meetings/:id` never shadows them. */
export function meetingRoutes(router: Router, deps: DashboardDeps): void {
  meetingExportRoutes(router, deps);
  meetingsPage(router, deps);
  meetingDetailPage(router, deps);
}
