import { canSeeBranch, visibleMembers, type AccessScope } from '../access/access-scope';
import { isValidOn, type Certificate } from '../certificates/certificate';
import type { Contact, Homecoming } from '../contacts/contact';
import type { Member } from '../model';
import type { Store } from '../store/store';
import { currentSeason, type HomecomingWindow } from '../time/homecoming-window';
import { localDate, localParts } from '../time/zoned-time';

export interface MemberContactRow {
  member: Member;
  /** The latest talk or visit a secretary recorded. */
  lastTalk?: Contact;
  /** The latest contact of any kind: a talk, a visit, or the member's own message (sign of life). */
  lastContact?: string;
  talks: number;
  visits: number;
  /** No talk or visit for CONTACT_WEEKS (counted from registration when never). */
  overdue: boolean;
}

export interface ContactsReport {
  rows: MemberContactRow[];
  /** The last twelve local months, oldest first, with the talks and visits recorded in each. */
  months: Array<{ month: string; talks: number; visits: number }>;
  /** Every talk and visit in scope, newest first (the notes are shown only to viewers who may see the member). */
  contacts: Contact[];
  season?: HomecomingWindow;
  homecomings: Homecoming[];
  certificates: Array<Certificate & { valid: boolean }>;
  members: Map<number, Member>;
}

async function addMember(store: Store, members: Map<number, Member>, id: number): Promise<void> {
  const m = await store.members.get(id);
  if (m) members.set(id, m);
}

function lastMonths(now: Date, tz: string, count = 12): string[] {
  const p = localParts(now, tz);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(p.year, p.month - 1 - (count - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

function memberRow(member: Member, mine: Contact[], cutoff: string): MemberContactRow {
  const lastTalk = mine[0];
  const seen = member.lastSeenAt;
  const lastContact = lastTalk && (!seen || lastTalk.createdAt > seen) ? lastTalk.createdAt : seen;
  const talks = mine.filter((c) => c.kind === 'talk').length;
  const overdue = member.status === 'active' && (lastTalk?.createdAt ?? member.createdAt) < cutoff;
  return { member, lastTalk, lastContact, talks, visits: mine.length - talks, overdue };
}

/** Talks, visits, homecomings and certificates of the members in scope (one branch when `branchId` is given). */
export async function contactsReport(
  store: Store,
  scope: AccessScope,
  opts: { branchId?: number; now: Date; tz: string; contactWeeks: number; windows: readonly HomecomingWindow[] },
): Promise<ContactsReport> {
  const { now, tz } = opts;
  const list = await visibleMembers(store, scope, opts.branchId);
  const members = new Map(list.map((m) => [m.id, m]));
  const memberIds = list.map((m) => m.id);
  const contacts = await store.contacts.list({ memberIds });
  const cutoff = new Date(now.getTime() - opts.contactWeeks * 7 * 86_400_000).toISOString();
  const rows = list.map((m) =>
    memberRow(
      m,
      contacts.filter((c) => c.memberId === m.id),
      cutoff,
    ),
  );
  const months = lastMonths(now, tz).map((month) => ({ month, talks: 0, visits: 0 }));
  for (const c of contacts) {
    const slot = months.find((x) => x.month === localDate(new Date(c.createdAt), tz).slice(0, 7));
    if (slot) slot[c.kind === 'talk' ? 'talks' : 'visits']++;
  }
  const season = currentSeason(localDate(now, tz), opts.windows);
  const homecomings = season
    ? (await store.contacts.listHome({ season: season.season })).filter(
        (h) => canSeeBranch(scope, h.branchId) && (opts.branchId === undefined || h.branchId === opts.branchId),
      )
    : [];
  for (const h of homecomings) if (!members.has(h.memberId)) await addMember(store, members, h.memberId);
  const today = localDate(now, tz);
  const certificates = (await store.certificates.list({ memberIds })).map((c) => ({
    ...c,
    valid: isValidOn(c, today),
  }));
  return { rows, months, contacts, season, homecomings, certificates, members };
}
