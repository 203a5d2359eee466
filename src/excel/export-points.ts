import ExcelJS from 'exceljs';
import type { ActorName } from '../members/actor-names';
import type { Branch, LedgerEntry, Member } from '../model';
import { CATEGORY_NAMES, categoryOf, type Split } from '../points/categories';
import type { Ranked } from '../points/ranking';
import { formatLocal } from '../time/zoned-time';
import { addSheet, newWorkbook } from './workbook';

const KIND_NAMES: Record<LedgerEntry['kind'], string> = {
  task: '任务',
  manual: '手动',
  correction: '更正',
  meeting: '会议',
  service: '奉献',
};

/**
 * The append-only points ledger as booked, plus the derived totals with their 学习/奉献 split. `actors` names who
 * booked each entry.
 */
export function exportPoints(
  entries: LedgerEntry[],
  ranking: Ranked<Member>[],
  members: Map<number, Member>,
  actors: Map<string, ActorName>,
  branches: Branch[],
  now: Date,
  tz: string,
  split: Map<number, Split> = new Map(),
): ExcelJS.Workbook {
  const branchName = new Map(branches.map((b) => [b.id, b.name]));
  const branchesOf = (m?: Member) =>
    [m?.homeBranchId, m?.hostBranchId]
      .map((id) => (id === undefined ? '' : (branchName.get(id) ?? '')))
      .filter(Boolean)
      .join(' / ');
  const wb = newWorkbook(now);
  addSheet(
    wb,
    '积分明细',
    [
      { header: '记录号', width: 8, value: (e: LedgerEntry) => e.id },
      { header: '时间', width: 17, text: true, value: (e) => formatLocal(new Date(e.createdAt), tz, true) },
      { header: '编号', width: 8, text: true, value: (e) => e.memberId },
      { header: '姓名', width: 10, value: (e) => members.get(e.memberId)?.name },
      { header: '支部', width: 28, value: (e) => branchesOf(members.get(e.memberId)) || undefined },
      { header: '分值', width: 7, value: (e) => e.delta },
      { header: '类型', width: 7, value: (e) => KIND_NAMES[e.kind] },
      { header: '类别', width: 7, value: (e) => CATEGORY_NAMES[categoryOf(e)] },
      { header: '原因', width: 32, value: (e) => e.reason },
      { header: '任务号', width: 8, value: (e) => e.taskId },
      { header: '操作人', width: 12, value: (e) => actors.get(e.actor)?.name ?? e.actor },
      { header: '操作人账号', width: 18, text: true, value: (e) => e.actor },
    ],
    entries,
  );
  addSheet(
    wb,
    '积分汇总',
    [
      { header: '排名', width: 6, value: (r: Ranked<Member>) => r.rank },
      { header: '编号', width: 8, text: true, value: (r) => r.item.id },
      { header: '姓名', width: 10, value: (r) => r.item.name },
      { header: '支部', width: 28, value: (r) => branchesOf(r.item) || undefined },
      { header: '累计积分', width: 9, value: (r) => r.score },
      { header: '学习积分', width: 9, value: (r) => split.get(r.item.id)?.study },
      { header: '奉献积分', width: 9, value: (r) => split.get(r.item.id)?.service },
    ],
    ranking,
  );
  return wb;
}
