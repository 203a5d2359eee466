import { memberFlagger, type FlagRules, type FlagSigns, type MemberFlag } from '../../members/member-flags';
import type { Member, MemberStatus } from '../../model';
import { formatPlace } from '../../members/places';

export interface MemberFilter {
  q?: string;
  status?: MemberStatus;
  flag?: MemberFlag;
  gender?: string;
}

const STATUSES: MemberStatus[] = ['active', 'transferred', 'lost'];
const FLAGS: MemberFlag[] = ['away6', 'noCertificate', 'outOfContact'];

/** Reads the filter from a query string; unknown values are dropped rather than trusted. */
export function readMemberFilter(q: Record<string, unknown>): MemberFilter {
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 40) : undefined);
  const status = str(q.status);
  const flag = str(q.flag);
  const gender = str(q.gender);
  return {
    q: str(q.q),
    status: STATUSES.find((s) => s === status),
    flag: FLAGS.find((f) => f === flag),
    gender: gender === '男' || gender === '女' ? gender : undefined,
  };
}

/** Search covers name, phone, occupation, employer, destination and the member number. */
export function filterMembers(
  members: Member[],
  f: MemberFilter,
  now: Date,
  tz: string,
  rules: FlagRules,
  signs?: FlagSigns,
): Member[] {
  const needle = f.q?.toLowerCase();
  const flagsOf = memberFlagger(now, tz, rules, signs);
  return members.filter((m) => {
    if (f.status && m.status !== f.status) return false;
    if (f.gender && m.gender !== f.gender) return false;
    if (f.flag && !flagsOf(m).includes(f.flag)) return false;
    if (!needle) return true;
    if (/^\d+$/.test(needle) && String(m.id) === needle) return true;
    const hay = [m.name, m.phone, m.occupation, m.employer, formatPlace({ province: m.destProvince, city: m.destCity })]
      .join(' ')
      .toLowerCase();
    return hay.includes(needle);
  });
}
