import { identityKey } from '../bot/incoming-message';
import type { Identity } from '../model';
import type { Store } from '../store/store';

/**
 * Binds a platform account to a member once that is proven (their own first check-in, a binding code, a secretary's
 * confirmation). What the account may do changes with it, so its dashboard sessions end here.
 */
export async function bindIdentity(store: Store, identity: Identity, now: Date): Promise<void> {
  await store.identities.bind(identity);
  await store.sessions.revokeIdentities([identityKey(identity.platform, identity.userId)], now);
}

/** Ends the dashboard sessions of every account of a member whose roles changed. */
export async function revokeMemberSessions(store: Store, memberId: number, now: Date): Promise<void> {
  const ids = await store.identities.listByMember(memberId);
  await store.sessions.revokeIdentities(
    ids.map((i) => identityKey(i.platform, i.userId)),
    now,
  );
}
