import ExcelJS from 'exceljs';
import { hoursBetween } from '../reports/help-case-report';
import { RATING_LABELS, STATUS_LABELS, caseCode, type HelpCase } from '../help-cases/help-case';
import { CATEGORY_LABELS } from '../answers/kb/category';
import type { Branch, Member } from '../model';
import { addSheet, newWorkbook, localTimeCell } from './workbook';

/** Help cases with their request text, handling and times (the text is personal: only for the case's secretaries). */
export function exportHelpCases(
  cases: HelpCase[],
  members: Map<number, Member>,
  branches: Branch[],
  now: Date,
  tz: string,
): ExcelJS.Workbook {
  const branchName = new Map(branches.map((b) => [b.id, b.name]));
  const time = localTimeCell(tz);
  const hours = (from: string, to?: string) => {
    const h = hoursBetween(from, to);
    return h === undefined ? undefined : Math.round(h * 10) / 10;
  };
  const wb = newWorkbook(now);
  addSheet(
    wb,
    '求助记录',
    [
      { header: '编号', width: 7, value: (c: HelpCase) => caseCode(c.id) },
      { header: '求助时间', width: 17, text: true, value: (c) => time(c.createdAt) },
      { header: '党员', width: 10, value: (c) => members.get(c.memberId)?.name },
      { header: '手机号码', width: 14, text: true, value: (c) => members.get(c.memberId)?.phone },
      {
        header: '流出地支部',
        width: 16,
        value: (c) => (c.homeBranchId === undefined ? undefined : branchName.get(c.homeBranchId)),
      },
      {
        header: '流入地支部',
        width: 16,
        value: (c) => (c.hostBranchId === undefined ? undefined : branchName.get(c.hostBranchId)),
      },
      { header: '分类', width: 6, value: (c) => CATEGORY_LABELS[c.category] },
      { header: '状态', width: 7, value: (c) => STATUS_LABELS[c.status] },
      { header: '求助内容', width: 40, value: (c) => c.content },
      {
        header: '负责人',
        width: 10,
        value: (c) => (c.assigneeId === undefined ? undefined : members.get(c.assigneeId)?.name),
      },
      { header: '首次回复', width: 17, text: true, value: (c) => time(c.firstReplyAt) },
      { header: '回复用时（小时）', width: 10, value: (c) => hours(c.createdAt, c.firstReplyAt) },
      { header: '结案时间', width: 17, text: true, value: (c) => time(c.closedAt) },
      { header: '结案用时（小时）', width: 10, value: (c) => hours(c.createdAt, c.closedAt) },
      { header: '办理结果', width: 30, value: (c) => c.result },
      { header: '评价', width: 7, value: (c) => (c.rating ? RATING_LABELS[c.rating] : undefined) },
    ],
    cases,
  );
  return wb;
}
