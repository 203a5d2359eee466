import { isValidOn } from '../certificates/certificate';
import type { Member } from '../model';
import type { Store } from '../store/store';
import { localDate } from '../time/zoned-time';

export interface ContactSigns {
  /** Member id → the latest talk or visit a secretary recorded (ISO). */
  lastTalk: Map<number, string>;
  /** Members holding an issued 流动党员证明 valid today. */
  certified: Set<number>;
}

/** What the membership rules read beside the member record, in two queries for all the members at once. */
export async function contactSigns(store: Store, members: Member[], now: Date, tz: string): Promise<ContactSigns> {
  const memberIds = members.map((m) => m.id);
  const lastTalk = new Map<number, string>();
  // Newest first: the first one seen per member is the latest.
  for (const c of await store.contacts.list({ memberIds }))
    if (!lastTalk.has(c.memberId)) lastTalk.set(c.memberId, c.createdAt);
  const today = localDate(now, tz);
  const certified = new Set(
    (await store.certificates.list({ memberIds })).filter((c) => isValidOn(c, today)).map((c) => c.memberId),
  );
  return { lastTalk, certified };
}
