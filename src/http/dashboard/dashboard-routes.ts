import type Router from '@koa/router';
import type { LoginLinks } from '../../access/login-links';
import { DEFAULT_FLAG_RULES, type FlagRules } from '../../members/member-flags';
import type { BotServices } from '../../bot/services';
import { assetRoutes } from './assets';
import type { DashboardDeps } from './dashboard-deps';
import { exportRoutes } from './export-routes';
import { helpCasesPage } from './help-cases-page';
import { importPage } from './import-page';
import { loginRoutes } from './login-routes';
import { mediaRoute } from './media-route';
import { memberEditPage } from './member-edit-page';
import { membersPage } from './members-page';
import { overviewPage } from './overview-page';
import { pointsPage } from './points-page';
import { reviewAnswerPage } from './review-answer-page';
import { reviewsPage } from './reviews-page';
import { reviewRoutes } from './review-routes';
import { satisfactionPage } from './satisfaction-page';
import { opinionExportRoute } from './opinion-export-route';
import { reviewQueuePage } from './review-queue-page';
import { Sessions } from './session';
import { taskDetailPage } from './task-detail-page';
import { tasksPage } from './tasks-page';
import { meetingRoutes } from './meeting-routes';
import { contactsPage } from './contacts-page';
import { contactMediaRoute } from './contact-media-route';
import { certificatePage } from './certificate-page';
import { servicePage } from './service-page';
import { serviceDetailPage } from './service-detail-page';

/** The secretary dashboard under /admin, for createApp's extra routes. */
export function dashboardRoutes(
  services: BotServices,
  secret: Buffer,
  links: LoginLinks,
  options: { flagRules?: FlagRules; secureCookies?: boolean } = {},
): (router: Router) => void {
  const deps: DashboardDeps = {
    services,
    sessions: new Sessions(secret, services.store.sessions),
    links,
    flagRules: options.flagRules ?? DEFAULT_FLAG_RULES,
    secureCookies: options.secureCookies ?? false,
  };
  return (router) => {
    assetRoutes(router);
    loginRoutes(router, deps);
    overviewPage(router, deps);
    membersPage(router, deps);
    memberEditPage(router, deps);
    tasksPage(router, deps);
    taskDetailPage(router, deps);
    reviewRoutes(router, deps);
    reviewQueuePage(router, deps);
    mediaRoute(router, deps);
    pointsPage(router, deps);
    servicePage(router, deps);
    serviceDetailPage(router, deps);
    helpCasesPage(router, deps);
    contactsPage(router, deps);
    contactMediaRoute(router, deps);
    certificatePage(router, deps);
    satisfactionPage(router, deps);
    opinionExportRoute(router, deps);
    importPage(router, deps);
    exportRoutes(router, deps);
    meetingRoutes(router, deps);
    reviewsPage(router, deps);
    reviewAnswerPage(router, deps);
  };
}
