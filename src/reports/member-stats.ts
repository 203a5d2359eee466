import type { Branch, Member } from '../model';
import { EDUCATION_LEVELS, STATUS_NAMES, educationLevel } from '../members/member-fields';
import {
  DEFAULT_FLAG_RULES,
  memberFlagger,
  type FlagRules,
  type FlagSigns,
  type MemberFlag,
} from '../members/member-flags';
import { localParts, type LocalParts } from '../time/zoned-time';

export interface Count {
  name: string;
  value: number;
}

export interface MemberStats {
  total: number;
  byStatus: Count[];
  byGender: Count[];
  byAge: Count[];
  byEducation: Count[];
  byProvince: Count[];
  /** The most common destination cities (the long tail is summed as 其他). */
  byCity: Count[];
  /** Registration at home only, host only, both (双报), or neither. */
  registration: Count[];
  byBranch: Array<{ name: string; kind: Branch['kind']; value: number }>;
  flags: Record<MemberFlag, number>;
}

const UNKNOWN = '未填写';
const AGE_BANDS = ['30岁以下', '30–39岁', '40–49岁', '50–59岁', '60岁及以上'];
const TOP_CITIES = 15;

function tally(values: string[], order?: string[]): Count[] {
  const counts = new Map<string, number>();
  for (const v of order ?? []) counts.set(v, 0);
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const list = [...counts].map(([name, value]) => ({ name, value }));
  const sorted = order ? list : list.sort((a, b) => b.value - a.value || a.name.localeCompare(b.name, 'zh-CN'));
  // "未填写" last, and only when someone is missing the field.
  return [...sorted.filter((c) => c.name !== UNKNOWN), ...sorted.filter((c) => c.name === UNKNOWN && c.value > 0)];
}

export function ageBand(birthMonth: string | undefined, now: Date, tz: string): string {
  return ageBandAt(birthMonth, localParts(now, tz));
}

function ageBandAt(birthMonth: string | undefined, p: LocalParts): string {
  const m = /^(\d{4})-(\d{2})$/.exec(birthMonth ?? '');
  if (!m) return UNKNOWN;
  const age = p.year - Number(m[1]) - (p.month < Number(m[2]) ? 1 : 0);
  return AGE_BANDS[Math.min(4, Math.max(0, Math.floor(age / 10) - 2))];
}

function topN(counts: Count[], n: number): Count[] {
  if (counts.length <= n) return counts;
  const rest = counts.slice(n).reduce((sum, c) => sum + c.value, 0);
  return [...counts.slice(0, n), { name: '其他', value: rest }];
}

/** Everything the overview charts show, for the members in scope (transferred members included, by status). */
export function memberStats(
  members: Member[],
  branches: Branch[],
  now: Date,
  tz: string,
  rules: FlagRules = DEFAULT_FLAG_RULES,
  signs?: FlagSigns,
): MemberStats {
  const flags: Record<MemberFlag, number> = { away6: 0, noCertificate: 0, outOfContact: 0 };
  const flagsOf = memberFlagger(now, tz, rules, signs);
  for (const m of members) for (const f of flagsOf(m)) flags[f]++;
  const today = localParts(now, tz);
  const registration = members.map((m) => {
    if (m.homeBranchId !== undefined && m.hostBranchId !== undefined) return '双报（流出地+流入地）';
    if (m.homeBranchId !== undefined) return '仅流出地';
    return m.hostBranchId !== undefined ? '仅流入地' : UNKNOWN;
  });
  return {
    total: members.length,
    byStatus: tally(
      members.map((m) => STATUS_NAMES[m.status]),
      Object.values(STATUS_NAMES),
    ),
    byGender: tally(
      members.map((m) => m.gender || UNKNOWN),
      ['男', '女'],
    ),
    byAge: tally(
      members.map((m) => ageBandAt(m.birthMonth, today)),
      AGE_BANDS,
    ),
    byEducation: tally(
      members.map((m) => (m.education ? (educationLevel(m.education) ?? m.education) : UNKNOWN)),
      EDUCATION_LEVELS,
    ),
    byProvince: tally(members.map((m) => m.destProvince || (m.destCity ? '其他' : UNKNOWN))),
    byCity: topN(tally(members.map((m) => m.destCity || UNKNOWN)), TOP_CITIES),
    registration: tally(registration, ['双报（流出地+流入地）', '仅流出地', '仅流入地']),
    byBranch: branches.map((b) => ({
      name: b.name,
      kind: b.kind,
      value: members.filter((m) => m.homeBranchId === b.id || m.hostBranchId === b.id).length,
    })),
    flags,
  };
}
