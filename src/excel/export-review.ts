import type ExcelJS from 'exceljs';
import { formatRate, type BranchReviewFigures } from '../reports/review-figures';
import { APPROVAL_LINE, KNOW_LINE, OVERALL_LABELS, OVERALL_ORDER, reviewCode, type Review } from '../reviews/review';
import { choiceQuestions } from '../reviews/review-questions';
import { formatDeadline } from '../time/parse-deadline-text';
import { addSheet, newWorkbook, type SheetColumn } from './workbook';

const HIDDEN = { open: '截止后显示', few: '不足5份，不显示' } as const;

/** One column per option of each admin's choice question, headed `题目：选项`. */
function questionColumns(
  review: Review,
  shown: (f: BranchReviewFigures, v: () => number | undefined) => string | number | undefined,
): SheetColumn<BranchReviewFigures>[] {
  return choiceQuestions(review).flatMap((q) =>
    q.options.map((option, i) => ({
      header: `${q.title}：${option}`,
      width: 12,
      value: (f: BranchReviewFigures) =>
        shown(f, () => f.questions?.find((x) => x.index === q.index)?.options[i]?.count),
    })),
  );
}

function figureColumns(review: Review): SheetColumn<BranchReviewFigures>[] {
  const shown = (f: BranchReviewFigures, v: () => string | number | undefined) => (f.hidden ? HIDDEN[f.hidden] : v());
  const line = (ok: boolean | undefined) => (ok === undefined ? undefined : ok ? '达标' : '未达标');
  return [
    { header: '支部', width: 22, value: (f) => f.branchName },
    { header: '应答人数', width: 9, value: (f) => f.eligible },
    { header: '已答人数', width: 9, value: (f) => f.answers },
    { header: '参与率', width: 9, value: (f) => formatRate(f.responseRate) },
    {
      header: `认识率（线 ${formatRate(KNOW_LINE)}）`,
      width: 16,
      value: (f) => shown(f, () => formatRate(f.knowRate)),
    },
    { header: '认识率是否达标', width: 13, value: (f) => shown(f, () => line(f.meetsKnowLine)) },
    {
      header: `认可率（线 ${formatRate(APPROVAL_LINE)}）`,
      width: 16,
      value: (f) => shown(f, () => formatRate(f.approvalRate)),
    },
    { header: '认可率是否达标', width: 13, value: (f) => shown(f, () => line(f.meetsApprovalLine)) },
    { header: '认识', width: 7, value: (f) => shown(f, () => f.knowYes) },
    { header: '不认识', width: 7, value: (f) => shown(f, () => f.knowNo) },
    ...OVERALL_ORDER.map((o) => ({
      header: OVERALL_LABELS[o],
      width: 9,
      value: (f: BranchReviewFigures) => shown(f, () => f.overall?.[o]),
    })),
    ...questionColumns(review, shown),
  ];
}

/**
 * One review's figures per branch and its comments by group — counts and texts only: the answers are anonymous
 * and nothing here names a member. Branches withheld on the page are withheld here too.
 */
export function exportReview(review: Review, figures: BranchReviewFigures[], now: Date, tz: string): ExcelJS.Workbook {
  const wb = newWorkbook(now);
  addSheet(wb, '测评结果', figureColumns(review), figures);
  const about: Array<[string, string]> = [
    ['测评', `${reviewCode(review.id)} ${review.name}`],
    ['截止', formatDeadline(new Date(review.closesAt), tz)],
    [
      '说明',
      '匿名测评：只统计各支部人数，不记录谁答了什么；不足5份答卷的支部不显示分项。认可率＝（非常满意＋满意＋基本满意）÷ 答卷数。',
    ],
  ];
  addSheet(
    wb,
    '测评信息',
    [
      { header: '项目', width: 8, value: (r: [string, string]) => r[0] },
      { header: '内容', width: 80, value: (r) => r[1] },
    ],
    about,
  );
  const comments = figures.flatMap((f) =>
    (f.commentGroups ?? []).flatMap((g) => g.comments.map((text) => ({ branch: f.branchName, group: g.label, text }))),
  );
  addSheet(
    wb,
    '意见建议',
    [
      { header: '支部', width: 22, value: (c: (typeof comments)[number]) => c.branch },
      { header: '分类', width: 10, value: (c) => c.group },
      { header: '内容', width: 80, value: (c) => c.text },
    ],
    comments,
  );
  return wb;
}
