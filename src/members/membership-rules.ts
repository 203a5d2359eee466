/**
 * The membership rules the weekly digest applies to a home branch's members (流出地支部):
 * away ≥ 6 months at one place → membership transfer (组织关系转接); otherwise away without a valid
 * mobile-member certificate (流动党员活动证) — the record's status or an issued, unexpired 流动党员证明; and out of
 * contact (党员不失联): no message, no submission and no talk or visit by a secretary for N weeks.
 */
import type { Member } from '../model';
import { localParts } from '../time/zoned-time';
import type { Store } from '../store/store';
import { contactSigns } from '../contacts/contact-signs';

export const TRANSFER_MONTHS = 6;

export interface MembershipFindings {
  transfer: Array<{ member: Member; months: number }>;
  certificate: Member[];
  outOfContact: Array<{ member: Member; lastContact?: string }>;
}

/** Whole months from `YYYY-MM` to the local month of `now`. */
export function monthsAway(departureMonth: string, now: Date, tz: string): number {
  const [y, m] = departureMonth.split('-').map(Number);
  const p = localParts(now, tz);
  return (p.year - y) * 12 + (p.month - m);
}

/**
 * The latest time we heard from a member: a message (lastSeenAt), a submission on a task of their branches, or a
 * meeting they signed in to.
 */
async function lastContact(
  store: Store,
  member: Member,
  taskIdsByBranch: Map<number, number[]>,
  talkedAt?: string,
): Promise<string | undefined> {
  let latest = talkedAt && (!member.lastSeenAt || talkedAt > member.lastSeenAt) ? talkedAt : member.lastSeenAt;
  for (const a of await store.meetings.listAttendance({ memberId: member.id, status: 'present' }))
    if (!latest || a.updatedAt > latest) latest = a.updatedAt;
  for (const branchId of [member.homeBranchId, member.hostBranchId]) {
    if (branchId === undefined) continue;
    for (const taskId of taskIdsByBranch.get(branchId) ?? []) {
      const s = await store.submissions.find(taskId, member.id);
      if (s && (!latest || s.updatedAt > latest)) latest = s.updatedAt;
    }
  }
  return latest;
}

async function recentTaskIds(store: Store, members: Member[], since: Date): Promise<Map<number, number[]>> {
  const ids = new Set(
    members.flatMap((m) => [m.homeBranchId, m.hostBranchId]).filter((id): id is number => id !== undefined),
  );
  const out = new Map<number, number[]>();
  // Only tasks still open at the cutoff can carry a submission made after it.
  for (const id of ids)
    out.set(
      id,
      (await store.tasks.listByBranches([id], { openAt: since })).map((t) => t.id),
    );
  return out;
}

export async function membershipFindings(
  store: Store,
  branchId: number,
  now: Date,
  tz: string,
  outOfContactWeeks: number,
): Promise<MembershipFindings> {
  const members = (await store.members.listByBranch(branchId, { status: 'active' })).filter(
    (m) => m.homeBranchId === branchId,
  );
  const cutoff = new Date(now.getTime() - outOfContactWeeks * 7 * 86_400_000);
  const tasks = await recentTaskIds(store, members, cutoff);
  const found: MembershipFindings = { transfer: [], certificate: [], outOfContact: [] };
  const signs = await contactSigns(store, members, now, tz);
  for (const member of members) {
    const months = member.departureMonth ? monthsAway(member.departureMonth, now, tz) : undefined;
    const fixedPlace = Boolean(member.destCity || member.destProvince);
    if (months !== undefined && months >= TRANSFER_MONTHS && fixedPlace) found.transfer.push({ member, months });
    else if (months !== undefined && member.certificateStatus !== 'valid' && !signs.certified.has(member.id))
      found.certificate.push(member);
    const contact = await lastContact(store, member, tasks, signs.lastTalk.get(member.id));
    // Never heard from: counted from when the member was registered.
    if ((contact ?? member.createdAt) < cutoff.toISOString()) found.outOfContact.push({ member, lastContact: contact });
  }
  return found;
}
