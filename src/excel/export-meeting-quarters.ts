import type ExcelJS from 'exceljs';
import type { MemberRate, QuarterReport, TypeFigures } from '../reports/meeting-quarters';
import { addSheet, newWorkbook } from './workbook';

type TypeRow = TypeFigures & { branch: string };
type RateRow = MemberRate & { branch: string };

/** 三会一课 of a quarter: held vs required per branch and type, and each member's attendance rate. */
export function exportMeetingQuarters(reports: QuarterReport[], now: Date): ExcelJS.Workbook {
  const wb = newWorkbook(now);
  const label = reports[0]?.quarter.label ?? '';
  addSheet(
    wb,
    '三会一课',
    [
      { header: '季度', width: 16, value: () => label },
      { header: '支部', width: 18, value: (r: TypeRow) => r.branch },
      { header: '会议类型', width: 12, value: (r) => r.name },
      { header: '已开', width: 6, value: (r) => r.held },
      { header: '已安排未开', width: 10, value: (r) => r.scheduled },
      { header: '应开', width: 6, value: (r) => r.required || undefined },
      {
        header: '是否达标',
        width: 9,
        value: (r) => (r.required ? (r.held >= r.required ? '达标' : '未达标') : undefined),
      },
    ],
    reports.flatMap((r) => r.types.map((t) => ({ ...t, branch: r.branch.name }))),
  );
  addSheet(
    wb,
    '党员参会率',
    [
      { header: '支部', width: 18, value: (r: RateRow) => r.branch },
      { header: '姓名', width: 10, value: (r) => r.member.name },
      { header: '签到', width: 6, value: (r) => r.present },
      { header: '请假', width: 6, value: (r) => r.leave },
      { header: '已开会议', width: 9, value: (r) => r.meetings },
      { header: '参会率', width: 8, value: (r) => `${Math.round(r.rate * 100)}%` },
    ],
    reports.flatMap((r) => r.members.map((m) => ({ ...m, branch: r.branch.name }))),
  );
  return wb;
}
