import ExcelJS from 'exceljs';
import type { Branch } from '../model';
import type { ClaimRow, ServiceRow } from '../reports/service-report';
import { SERVICE_NAMES, serviceCode, type ServiceClaimStatus } from '../service/service-records';
import { addSheet, newWorkbook, localTimeCell } from './workbook';

export const CLAIM_STATUS_NAMES: Record<ServiceClaimStatus, string> = {
  claimed: '已认领',
  cancelled: '已取消',
  completed: '待确认',
  confirmed: '已确认',
};

/** 微心愿 and volunteer activities with their places, and every claim with its proof and confirmation. */
export function exportService(
  rows: ServiceRow[],
  claims: Map<number, ClaimRow[]>,
  branches: Branch[],
  now: Date,
  tz: string,
): ExcelJS.Workbook {
  const branchName = new Map(branches.map((b) => [b.id, b.name]));
  const time = localTimeCell(tz);
  const wb = newWorkbook(now);
  addSheet(
    wb,
    '活动和心愿',
    [
      { header: '编号', width: 7, value: (r: ServiceRow) => serviceCode(r.item) },
      { header: '类型', width: 9, value: (r) => SERVICE_NAMES[r.item.kind] },
      { header: '内容', width: 32, value: (r) => r.item.title },
      { header: '支部', width: 18, value: (r) => branchName.get(r.item.branchId) },
      { header: '时间', width: 16, value: (r) => r.item.time },
      { header: '地点', width: 16, value: (r) => r.item.place },
      { header: '名额', width: 6, value: (r) => r.item.places },
      { header: '已认领', width: 7, value: (r) => r.held },
      { header: '已完成', width: 7, value: (r) => r.completed },
      { header: '已确认', width: 7, value: (r) => r.confirmed },
      { header: '分值', width: 6, value: (r) => r.item.points },
      { header: '奉献积分合计', width: 11, value: (r) => r.points },
      { header: '发布时间', width: 17, text: true, value: (r) => time(r.item.createdAt) },
    ],
    rows,
  );
  const codeOf = new Map(rows.map((r) => [r.item.id, serviceCode(r.item)]));
  const all = rows.flatMap((r) => (claims.get(r.item.id) ?? []).map((c) => ({ ...c, code: codeOf.get(r.item.id) })));
  addSheet(
    wb,
    '认领明细',
    [
      { header: '编号', width: 7, value: (c: ClaimRow & { code?: string }) => c.code },
      { header: '党员编号', width: 8, text: true, value: (c) => c.claim.memberId },
      { header: '姓名', width: 10, value: (c) => c.member?.name },
      { header: '状态', width: 8, value: (c) => CLAIM_STATUS_NAMES[c.claim.status] },
      { header: '认领时间', width: 17, text: true, value: (c) => time(c.claim.claimedAt) },
      { header: '完成时间', width: 17, text: true, value: (c) => time(c.claim.completedAt) },
      { header: '照片数', width: 7, value: (c) => c.claim.media.length },
      { header: '说明', width: 28, value: (c) => c.claim.note || undefined },
      { header: '确认时间', width: 17, text: true, value: (c) => time(c.claim.confirmedAt) },
      { header: '确认人账号', width: 18, text: true, value: (c) => c.claim.confirmedBy },
    ],
    all,
  );
  return wb;
}
