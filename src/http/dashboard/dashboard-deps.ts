import type { RouterContext } from '@koa/router';
import type { LoginLinks } from '../../access/login-links';
import type { FlagRules } from '../../members/member-flags';
import type { BotServices } from '../../bot/services';
import type { Session, Sessions } from './session';
import type { Viewer } from './viewer';

/** What every dashboard route needs. */
export interface DashboardDeps {
  services: BotServices;
  sessions: Sessions;
  links: LoginLinks;
  /** The same membership rules as the weekly digest (OUT_OF_CONTACT_WEEKS). */
  flagRules: FlagRules;
  /** PUBLIC_BASE_URL is https: the cookie is Secure even where a proxy speaks plain http to the bot. */
  secureCookies: boolean;
}

export type DashboardContext = RouterContext;

/** A route body that runs only for a signed-in viewer (and, for writes, after the CSRF check). */
export type PageHandler = (ctx: DashboardContext, viewer: Viewer, session: Session) => Promise<void>;
