import type ExcelJS from 'exceljs';
import type { Branch, Member } from '../model';
import {
  KIND_LABELS,
  OPINION_CATEGORY_LABELS,
  OPINION_STATUS_LABELS,
  SIDE_LABELS,
  opinionCode,
  type Opinion,
} from '../opinions/opinion';
import { ANONYMOUS_LABEL } from '../opinions/format-opinion';
import { daysToClose } from '../reports/opinion-report';
import { addSheet, newWorkbook, localTimeCell } from './workbook';

/**
 * Opinions with their text and handling. The sender column comes from the opinion's own member id, which an
 * anonymous opinion does not have: the export cannot name its sender because it never reads the sender link.
 */
export function exportOpinions(
  opinions: Opinion[],
  members: Map<number, Member>,
  branches: Branch[],
  now: Date,
  tz: string,
): ExcelJS.Workbook {
  const branchName = new Map(branches.map((b) => [b.id, b.name]));
  const time = localTimeCell(tz);
  const wb = newWorkbook(now);
  addSheet(
    wb,
    '意见建议',
    [
      { header: '编号', width: 7, value: (o: Opinion) => opinionCode(o.id) },
      { header: '类型', width: 6, value: (o) => KIND_LABELS[o.kind] },
      { header: '提出时间', width: 17, text: true, value: (o) => time(o.createdAt) },
      {
        header: '提出人',
        width: 10,
        value: (o) => (o.anonymous || o.memberId === undefined ? ANONYMOUS_LABEL : members.get(o.memberId)?.name),
      },
      { header: '责任支部', width: 16, value: (o) => branchName.get(o.branchId) },
      { header: '流出/流入', width: 8, value: (o) => SIDE_LABELS[o.branchSide] },
      { header: '分类', width: 8, value: (o) => OPINION_CATEGORY_LABELS[o.category] },
      { header: '状态', width: 12, value: (o) => OPINION_STATUS_LABELS[o.status] },
      { header: '内容', width: 40, value: (o) => o.content },
      { header: '答复', width: 30, value: (o) => o.answer },
      { header: '办理结果', width: 30, value: (o) => o.result },
      { header: '销号时间', width: 17, text: true, value: (o) => time(o.status === 'closed' ? o.closedAt : undefined) },
      {
        header: '销号用时（天）',
        width: 10,
        value: (o) => {
          const d = daysToClose(o);
          return d === undefined ? undefined : Math.round(d * 10) / 10;
        },
      },
      { header: '党员确认', width: 8, value: (o) => (o.confirmedAt ? '已确认' : undefined) },
      { header: '退回次数', width: 8, value: (o) => o.disputes },
      { header: '退回理由', width: 24, value: (o) => o.disputeReason },
      { header: '上报理由', width: 24, value: (o) => o.referReason },
    ],
    opinions,
  );
  return wb;
}
