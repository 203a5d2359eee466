import ExcelJS from 'exceljs';
import { certificateNumber } from '../certificates/certificate';
import type { Branch, Member } from '../model';
import type { ContactsReport } from '../reports/contacts-report';
import { addSheet, newWorkbook } from './workbook';

type Row = ContactsReport['certificates'][number];

/** 流动党员证明 issued to the members in scope: the fields the printed certificate carries, and whether it is valid. */
export function exportCertificates(
  certificates: Row[],
  members: Map<number, Member>,
  branches: Branch[],
  now: Date,
): ExcelJS.Workbook {
  const branchName = new Map(branches.map((b) => [b.id, b.name]));
  const member = (c: Row) => members.get(c.memberId);
  const wb = newWorkbook(now);
  addSheet(
    wb,
    '流动党员证明',
    [
      { header: '证明编号', width: 14, text: true, value: (c: Row) => certificateNumber(c) },
      { header: '姓名', width: 10, value: (c) => member(c)?.name },
      { header: '性别', width: 5, value: (c) => member(c)?.gender },
      { header: '出生年月', width: 9, text: true, value: (c) => member(c)?.birthMonth },
      { header: '入党时间', width: 9, text: true, value: (c) => member(c)?.joinedPartyMonth },
      { header: '外出地点', width: 14, value: (c) => c.destination },
      { header: '外出时间', width: 9, text: true, value: (c) => c.departureMonth },
      { header: '开具支部', width: 16, value: (c) => branchName.get(c.branchId) },
      { header: '开具日期', width: 11, text: true, value: (c) => c.validFrom },
      { header: '有效期至', width: 11, text: true, value: (c) => c.validUntil },
      { header: '状态', width: 7, value: (c) => (c.valid ? '有效' : '已过期') },
    ],
    certificates,
  );
  return wb;
}
