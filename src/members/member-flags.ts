import type { Member } from '../model';
import { localParts, type LocalParts } from '../time/zoned-time';

/**
 * The membership rules, as the weekly digest (jobs/membership-digest) applies them, so the dashboard and the digest
 * count the same people: away 6+ months at a fixed place → membership transfer is due; away otherwise → a valid
 * mobile-member certificate is needed; no message for OUT_OF_CONTACT_WEEKS → out of contact.
 */
export const AWAY_MONTHS_RULE = 6;

export interface FlagRules {
  /** OUT_OF_CONTACT_WEEKS: silent this long (counted from registration if never heard from) → out of contact. */
  outOfContactWeeks: number;
}

export const DEFAULT_FLAG_RULES: FlagRules = { outOfContactWeeks: 4 };

/**
 * What the member record alone does not say, loaded beside it (`contactSigns` in src/contacts): a 流动党员证明 issued
 * and valid today counts as the certificate, and a talk or visit a secretary recorded counts as contact.
 */
export interface FlagSigns {
  certified: ReadonlySet<number>;
  lastTalk: ReadonlyMap<number, string>;
}

const NO_SIGNS: FlagSigns = { certified: new Set(), lastTalk: new Map() };

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
 * the overview of a 2,000-member county fast. Transferred members are settled: only the contact flag applies to them.
 */
export function memberFlagger(
  now: Date,
  tz: string,
  rules: FlagRules = DEFAULT_FLAG_RULES,
  signs: FlagSigns = NO_SIGNS,
): (member: Member) => MemberFlag[] {
  const p = localParts(now, tz);
  const silentMs = rules.outOfContactWeeks * 7 * 86_400_000;
  return (member) => {
    const flags: MemberFlag[] = [];
    const active = member.status === 'active';
    const away = active ? monthsSince(member.departureMonth, p) : undefined;
    const transferDue =
      away !== undefined && away >= AWAY_MONTHS_RULE && Boolean(member.destCity || member.destProvince);
    if (away !== undefined && away >= AWAY_MONTHS_RULE) flags.push('away6');
    const certified = member.certificateStatus === 'valid' || signs.certified.has(member.id);
    if (away !== undefined && !transferDue && !certified) flags.push('noCertificate');
    const talked = signs.lastTalk.get(member.id);
    const last = Math.max(new Date(member.lastSeenAt ?? member.createdAt).getTime(), talked ? Date.parse(talked) : 0);
    if (member.status === 'lost' || (active && now.getTime() - last > silentMs)) flags.push('outOfContact');
    return flags;
  };
}

/** Flags a secretary follows up for one member. */
export function memberFlags(
  member: Member,
  now: Date,
  tz: string,
  rules: FlagRules = DEFAULT_FLAG_RULES,
  signs: FlagSigns = NO_SIGNS,
): MemberFlag[] {
  return memberFlagger(now, tz, rules, signs)(member);
}
