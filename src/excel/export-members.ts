import ExcelJS from 'exceljs';
import { CERTIFICATE_NAMES, STATUS_NAMES } from '../members/member-fields';
import {
  DEFAULT_FLAG_RULES,
  FLAG_NAMES,
  memberFlagger,
  monthsAwayAt,
  type FlagRules,
  type FlagSigns,
} from '../members/member-flags';
import type { Branch, Member } from '../model';
import { formatPlace } from '../members/places';
import { localDate, localParts } from '../time/zoned-time';
import { ROSTER_COLUMNS } from './roster-columns';
import { addSheet, newWorkbook, type CellInput, type SheetColumn } from './workbook';

/** Values of the roster columns for one member, in the form the import reads back. */
function rosterValue(header: string, m: Member, branches: Map<number, Branch>): CellInput {
  const branchName = (id?: number) => (id === undefined ? undefined : branches.get(id)?.name);
  const values: Record<string, CellInput> = {
    编号: m.id,
    姓名: m.name,
    性别: m.gender,
    出生年月: m.birthMonth,
    学历: m.education,
    手机号码: m.phone,
    入党时间: m.joinedPartyMonth,
    职业: m.occupation,
    工作单位: m.employer,
    外出时间: m.departureMonth,
    流入地: formatPlace({ province: m.destProvince, city: m.destCity }) || undefined,
    流出地支部: branchName(m.homeBranchId),
    流入地支部: branchName(m.hostBranchId),
    活动证: CERTIFICATE_NAMES[m.certificateStatus],
    状态: STATUS_NAMES[m.status],
    家庭情况: m.familyNote,
  };
  return values[header];
}

/** The member list: the import's columns (so an edited export can be imported back) plus read-only follow-up columns. */
export function exportMembers(
  members: Member[],
  branches: Branch[],
  now: Date,
  tz: string,
  rules: FlagRules = DEFAULT_FLAG_RULES,
  signs?: FlagSigns,
): ExcelJS.Workbook {
  const byId = new Map(branches.map((b) => [b.id, b]));
  const flagsOf = memberFlagger(now, tz, rules, signs);
  const today = localParts(now, tz);
  const columns: SheetColumn<Member>[] = [
    ...ROSTER_COLUMNS.map((c): SheetColumn<Member> => ({
      header: c.header,
      width: c.width,
      text: c.text,
      value: (m) => rosterValue(c.header, m, byId),
    })),
    { header: '外出月数', width: 8, value: (m) => monthsAwayAt(m, today) },
    {
      header: '最近联系',
      width: 12,
      text: true,
      value: (m) => (m.lastSeenAt ? localDate(new Date(m.lastSeenAt), tz) : undefined),
    },
    {
      header: '提醒',
      width: 20,
      value: (m) =>
        flagsOf(m)
          .map((f) => FLAG_NAMES[f])
          .join('、') || undefined,
    },
  ];
  const wb = newWorkbook(now);
  addSheet(wb, '党员名单', columns, members);
  return wb;
}
