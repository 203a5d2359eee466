import ExcelJS from 'exceljs';
import { CONTACT_WORDS, type Contact } from '../contacts/contact';
import type { ContactsReport, MemberContactRow } from '../reports/contacts-report';
import { formatLocal, localDate } from '../time/zoned-time';
import { addSheet, newWorkbook } from './workbook';

/**
 * Talks and visits of the members in scope (the notes are private: only for those members' secretaries), each
 * member's last contact, the counts per month and the Spring Festival homecomings.
 */
export function exportContacts(r: ContactsReport, now: Date, tz: string): ExcelJS.Workbook {
  const name = (id: number) => r.members.get(id)?.name;
  const day = (iso?: string) => (iso ? localDate(new Date(iso), tz) : undefined);
  const wb = newWorkbook(now);
  addSheet(
    wb,
    '谈话走访记录',
    [
      { header: '时间', width: 17, text: true, value: (c: Contact) => formatLocal(new Date(c.createdAt), tz, true) },
      { header: '党员', width: 10, value: (c) => name(c.memberId) },
      { header: '方式', width: 6, value: (c) => CONTACT_WORDS[c.kind] },
      { header: '要点', width: 50, value: (c) => c.note },
      { header: '照片（张）', width: 8, value: (c) => c.media.length },
      { header: '记录人', width: 16, value: (c) => c.recordedBy },
    ],
    r.contacts,
  );
  addSheet(
    wb,
    '最近联系',
    [
      { header: '党员', width: 10, value: (x: MemberContactRow) => x.member.name },
      { header: '最近谈话/走访', width: 12, text: true, value: (x) => day(x.lastTalk?.createdAt) },
      { header: '最近联系（含发言）', width: 12, text: true, value: (x) => day(x.lastContact) },
      { header: '谈话（次）', width: 8, value: (x) => x.talks },
      { header: '走访（次）', width: 8, value: (x) => x.visits },
      { header: '未谈话走访', width: 8, value: (x) => (x.overdue ? '是' : '') },
    ],
    r.rows,
  );
  addSheet(
    wb,
    '每月次数',
    [
      { header: '月份', width: 9, text: true, value: (m: ContactsReport['months'][number]) => m.month },
      { header: '谈话', width: 7, value: (m) => m.talks },
      { header: '走访', width: 7, value: (m) => m.visits },
    ],
    r.months,
  );
  addSheet(
    wb,
    '返乡报到',
    [
      { header: '党员', width: 10, value: (h: ContactsReport['homecomings'][number]) => name(h.memberId) },
      { header: '春节', width: 10, value: (h) => h.season },
      { header: '报到日期', width: 12, text: true, value: (h) => day(h.createdAt) },
      { header: '停留到', width: 12, text: true, value: (h) => h.stayUntil },
      { header: '原话', width: 30, value: (h) => h.text },
    ],
    r.homecomings,
  );
  return wb;
}
