import type { Member } from '../model';
import type { Store } from '../store/store';
import { localDate } from '../time/zoned-time';
import { contactSigns } from './contact-signs';

export interface Uncontacted {
  member: Member;
  /** The latest talk or visit, if there ever was one. */
  lastTalk?: string;
}

/**
 * Active members of a home branch no secretary talked to or visited for `weeks` weeks (counted from registration
 * when never), longest first: the 定期见面谈话 the practice asks for.
 */
export async function uncontactedMembers(
  store: Store,
  branchId: number,
  now: Date,
  tz: string,
  weeks: number,
): Promise<Uncontacted[]> {
  const members = (await store.members.listByBranch(branchId, { status: 'active' })).filter(
    (m) => m.homeBranchId === branchId,
  );
  const { lastTalk } = await contactSigns(store, members, now, tz);
  const cutoff = new Date(now.getTime() - weeks * 7 * 86_400_000).toISOString();
  return members
    .map((member) => ({ member, lastTalk: lastTalk.get(member.id) }))
    .filter((u) => (u.lastTalk ?? u.member.createdAt) < cutoff)
    .sort((a, b) => (a.lastTalk ?? a.member.createdAt).localeCompare(b.lastTalk ?? b.member.createdAt));
}

/** The digest's section: a heading and one line per member, or nothing when everyone was contacted. */
export async function uncontactedSection(
  store: Store,
  branchId: number,
  now: Date,
  tz: string,
  weeks: number,
): Promise<string[]> {
  const list = await uncontactedMembers(store, branchId, now, tz, weeks);
  if (!list.length) return [];
  return [
    `谈心谈话：${weeks} 周内没有谈话或走访（${list.length} 人）：`,
    ...list.map(({ member: m, lastTalk }) =>
      lastTalk
        ? `· ${m.name}：上次谈话/走访 ${localDate(new Date(lastTalk), tz)}`
        : `· ${m.name}：报到后还没有谈话或走访`,
    ),
  ];
}
