import ExcelJS from 'exceljs';
import type { Branch, Member, Submission, Task } from '../model';
import { formatPlace } from '../members/places';
import type { TaskSummary } from '../reports/task-completion';
import { formatLocal } from '../time/zoned-time';
import { addSheet, newWorkbook } from './workbook';

const STATUS = { accepted: '已通过', flagged: '待审核', rejected: '已驳回' } as const;

interface MemberRow {
  task: Task;
  member: Member;
  submission?: Submission;
}

/** Task completion: a summary sheet, the list of who has not submitted, and every submission. */
export function exportTaskCompletion(
  summaries: TaskSummary[],
  branches: Branch[],
  now: Date,
  tz: string,
): ExcelJS.Workbook {
  const branchName = new Map(branches.map((b) => [b.id, b.name]));
  const wb = newWorkbook(now);
  addSheet(
    wb,
    '完成情况',
    [
      { header: '任务号', width: 8, value: (s: TaskSummary) => s.task.id },
      { header: '任务', width: 28, value: (s) => s.task.title },
      { header: '支部', width: 18, value: (s) => branchName.get(s.task.branchId) },
      { header: '截止时间', width: 17, text: true, value: (s) => formatLocal(new Date(s.task.deadline), tz, true) },
      { header: '应交人数', width: 9, value: (s) => s.expected },
      { header: '已交人数', width: 9, value: (s) => s.done },
      { header: '未交人数', width: 9, value: (s) => s.expected - s.done },
      { header: '逾期', width: 6, value: (s) => s.late },
      { header: '待审核', width: 7, value: (s) => s.flagged },
      { header: '完成率', width: 8, value: (s) => `${Math.round(s.rate * 100)}%` },
    ],
    summaries,
  );
  const missing: MemberRow[] = summaries.flatMap((s) =>
    s.progress.missing.map((member) => ({ task: s.task, member, submission: s.progress.submissions.get(member.id) })),
  );
  addSheet(
    wb,
    '未提交名单',
    [
      { header: '任务号', width: 8, value: (r: MemberRow) => r.task.id },
      { header: '任务', width: 28, value: (r) => r.task.title },
      { header: '支部', width: 18, value: (r) => branchName.get(r.task.branchId) },
      { header: '姓名', width: 10, value: (r) => r.member.name },
      { header: '手机号码', width: 14, text: true, value: (r) => r.member.phone },
      {
        header: '流入地',
        width: 12,
        value: (r) => formatPlace({ province: r.member.destProvince, city: r.member.destCity }) || undefined,
      },
      {
        header: '说明',
        width: 16,
        value: (r) =>
          r.submission?.status === 'rejected'
            ? `提交已驳回${r.submission.reviewNote ? `：${r.submission.reviewNote}` : ''}`
            : '未提交',
      },
    ],
    missing,
  );
  const done: MemberRow[] = summaries.flatMap((s) =>
    s.progress.done.map((member) => ({ task: s.task, member, submission: s.progress.submissions.get(member.id) })),
  );
  addSheet(
    wb,
    '提交明细',
    [
      { header: '任务号', width: 8, value: (r: MemberRow) => r.task.id },
      { header: '任务', width: 28, value: (r) => r.task.title },
      { header: '姓名', width: 10, value: (r) => r.member.name },
      {
        header: '提交时间',
        width: 17,
        text: true,
        value: (r) => formatLocal(new Date(r.submission!.updatedAt), tz, true),
      },
      { header: '逾期', width: 6, value: (r) => (r.submission!.late ? '是' : '否') },
      { header: '审核', width: 8, value: (r) => STATUS[r.submission!.status] },
      { header: '心得', width: 40, value: (r) => r.submission!.note || undefined },
      { header: '链接', width: 40, value: (r) => r.submission!.links.join('\n') || undefined },
      { header: '图片/文件数', width: 10, value: (r) => r.submission!.media.length },
    ],
    done,
  );
  return wb;
}
