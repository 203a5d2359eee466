import type { Platform } from '../bot/incoming-message';
import type { Store } from '../store/store';

/** Who an actor is, for people reading a ledger or a report: a name first, the account it acted from second. */
export interface ActorName {
  name: string;
  account: string;
}

/** Actors that are not a person's platform account (see the callers of award/revoke and the CLI). */
const NON_PERSONS: Record<string, string> = { system: '系统（自动计分）', cli: '命令行' };

/** Resolves `platform:userId` actors to member names; anything unknown keeps its raw form so nothing is hidden. */
export async function actorNames(store: Store, actors: Iterable<string>): Promise<Map<string, ActorName>> {
  const out = new Map<string, ActorName>();
  for (const actor of new Set(actors)) {
    out.set(actor, { name: NON_PERSONS[actor] ?? (await memberName(store, actor)) ?? actor, account: actor });
  }
  return out;
}

async function memberName(store: Store, actor: string): Promise<string | undefined> {
  const colon = actor.indexOf(':');
  if (colon <= 0) return undefined;
  const identity = await store.identities.find(actor.slice(0, colon) as Platform, actor.slice(colon + 1));
  return identity ? (await store.members.get(identity.memberId))?.name : undefined;
}
