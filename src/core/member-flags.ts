import type { Member } from './model';
import { localParts, type LocalParts } from './time/zoned-time';

/** Away this long at a fixed place, a member must transfer membership or carry a mobile-member certificate. */
export const AWAY_MONTHS_RULE = 6;
/** No message to the bot for this long (and not newly registered) counts as out of contact. */
export const OUT_OF_CONTACT_DAYS = 90;

export type MemberFlag = 'away6' | 'noCertificate' | 'outOfContact';

export const FLAG_NAMES: Record<MemberFlag, string> = {
  away6: `外出满${AWAY_MONTHS_RULE}个月`,
  noCertificate: '缺活动证',
  outOfContact: '失联',
};

/** Whole months from the departure month to the current local month; undefined without a departure month. */
export function monthsAway(member: Pick<Member, 'departureMonth'>, now: Date, tz: string): number | undefined {
  return monthsSince(member.departureMonth, localParts(now, tz));
}

/** monthsAway for many members: `today` is localParts(now, tz), computed once by the caller. */
export function monthsAwayAt(member: Pick<Member, 'departureMonth'>, today: LocalParts): number | undefined {
  return monthsSince(member.departureMonth, today);
}

function monthsSince(month: string | undefined, p: LocalParts): number | undefined {
  const m = /^(\d{4})-(\d{2})$/.exec(month ?? '');
  if (!m) return undefined;
  return Math.max(0, (p.year - Number(m[1])) * 12 + (p.month - Number(m[2])));
}

/**
 * Flags for many members at one moment: the local calendar is worked out once (it costs an Intl call), which keeps
 * the overview of a 2,000-member county fast.
 */
export function memberFlagger(now: Date, tz: string): (member: Member) => MemberFlag[] {
  const p = localParts(now, tz);
  return (member) => {
    const flags: MemberFlag[] = [];
    const away = monthsSince(member.departureMonth, p);
    // Transferred members are settled, so only the contact flag can apply to them.
    const longAway = member.status === 'active' && away !== undefined && away >= AWAY_MONTHS_RULE;
    if (longAway) flags.push('away6');
    if (longAway && member.certificateStatus !== 'valid') flags.push('noCertificate');
    if (member.status === 'lost' || (member.status === 'active' && silentDays(member, now) > OUT_OF_CONTACT_DAYS)) flags.push('outOfContact');
    return flags;
  };
}

/** Flags a secretary follows up for one member. */
export function memberFlags(member: Member, now: Date, tz: string): MemberFlag[] {
  return memberFlagger(now, tz)(member);
}

function silentDays(member: Member, now: Date): number {
  const last = member.lastSeenAt ?? member.createdAt;
  return (now.getTime() - new Date(last).getTime()) / 86_400_000;
}
