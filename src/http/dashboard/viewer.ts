import { hasAccess, scopeOf, type AccessScope } from '../../access/access-scope';
import type { Member } from '../../model';
import { resolveRoles } from '../../members/roles';
import type { BotServices } from '../../bot/services';

/** The person looking at the dashboard, with what they may see. */
export interface Viewer {
  identity: string;
  name: string;
  member?: Member;
  admin: boolean;
  scope: AccessScope;
  csrf: string;
}

/** Resolves an identity (`platform:userId`) to a viewer; undefined when it is neither admin nor secretary. */
export async function loadViewer(services: BotServices, identity: string, csrf: string): Promise<Viewer | undefined> {
  const sep = identity.indexOf(':');
  const platform = identity.slice(0, sep) as Parameters<BotServices['store']['identities']['find']>[0];
  const bound = sep > 0 ? await services.store.identities.find(platform, identity.slice(sep + 1)) : undefined;
  const member = bound && (await services.store.members.get(bound.memberId));
  const roles = await resolveRoles(services.store, services.settings.admins, identity, member);
  const scope = scopeOf(roles);
  if (!hasAccess(scope)) return undefined;
  return { identity, name: member?.name ?? bound?.displayName ?? identity, member, admin: roles.admin, scope, csrf };
}
