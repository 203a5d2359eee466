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

/** Members per query: a county's whole roster in one `IN (…)` list would pass SQLite's bound-parameter limit. */
const SLICE = 5_000;

/** What the membership rules read beside the member record, two queries per 5,000 members. */
export async function contactSigns(store: Store, members: Member[], now: Date, tz: string): Promise<ContactSigns> {
  const lastTalk = new Map<number, string>();
  const certified = new Set<number>();
  const today = localDate(now, tz);
  for (let i = 0; i < members.length; i += SLICE) {
    const memberIds = members.slice(i, i + SLICE).map((m) => m.id);
    // Newest first: the first one seen per member is the latest.
    for (const c of await store.contacts.list({ memberIds }))
      if (!lastTalk.has(c.memberId)) lastTalk.set(c.memberId, c.createdAt);
    for (const c of await store.certificates.list({ memberIds })) if (isValidOn(c, today)) certified.add(c.memberId);
  }
  return { lastTalk, certified };
}
