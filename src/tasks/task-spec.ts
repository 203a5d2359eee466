import { UsageError } from '../errors';
import type { LateRule, ProofKind, TaskFields } from '../model';
import { normalizeText } from '../text/normalize-text';
import { parseFields } from '../text/parse-fields';
import { DEADLINE_FORMS, formatDeadline, parseDeadlineText } from '../time/parse-deadline-text';

export const TASK_FIELDS = ['内容', '截止', '分值', '证明', '字数', '逾期'] as const;

const PROOF_WORDS: Record<string, ProofKind> = {
  图片: 'image',
  照片: 'image',
  截图: 'image',
  视频: 'video',
  文字: 'text',
  心得: 'text',
  文本: 'text',
  文件: 'file',
  链接: 'link',
};
export const PROOF_NAMES: Record<ProofKind, string> = {
  image: '图片',
  video: '视频',
  text: '文字',
  file: '文件',
  link: '链接',
};
const LATE_WORDS: Record<string, LateRule> = {
  全分: 'full',
  照常: 'full',
  半分: 'half',
  减半: 'half',
  不计分: 'none',
  不得分: 'none',
  零分: 'none',
};
export const LATE_NAMES: Record<LateRule, string> = { full: '逾期照常计分', half: '逾期得一半分', none: '逾期不计分' };

export function parseProofKinds(text: string): ProofKind[] {
  const words = text.split(/[/,，、\s或]+/).filter(Boolean);
  const kinds = words.map((w) => {
    const kind = PROOF_WORDS[w];
    if (!kind) throw new UsageError(`证明方式「${w}」不认识，可选：图片/视频/文字/文件/链接`);
    return kind;
  });
  return [...new Set(kinds)];
}

function boundedInt(value: string, field: string, min: number, max: number): number {
  const n = Number(value.replace(/分|字$/g, ''));
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`「${field}」应为 ${min}–${max} 的整数，你写的是「${value}」`);
  return n;
}

/** A task's points: a task worth nothing (or less) is a typo, not a task. */
export function parsePoints(value: string): number {
  return boundedInt(normalizeText(value), '分值', 1, 100);
}

const FIELD_ALIASES = { 分数: '分值', 截至: '截止', 截止时间: '截止', 要求: '证明' };

/** `字段：值` lines of a task command: values verbatim in `raw`, in matching form in `fields`. */
export function parseTaskFields(
  rawArgs: string,
  known: readonly string[],
): { head: string; raw: Map<string, string>; fields: Map<string, string> } {
  const { head, fields: raw, unknown } = parseFields(rawArgs, known, FIELD_ALIASES);
  if (unknown.length) throw new UsageError(`不认识的字段「${unknown[0]}」，可用字段：${known.join('、')}`);
  const fields = new Map([...raw].map(([k, v]) => [k, normalizeText(v)]));
  return { head, raw, fields };
}

/**
 * The fields every task-like command shares (`发布任务`, the task bank), deadline excluded. Title and content are
 * kept exactly as written; `fields` holds the matching form for the numbers, dates and keywords.
 */
export function parseTaskBody(
  rawArgs: string,
  extraKnown: readonly string[] = [],
): {
  title: string;
  fields: Map<string, string>;
  body: Omit<TaskFields, 'branchId' | 'createdBy' | 'deadline'>;
} {
  const known = [...TASK_FIELDS, ...extraKnown];
  const { head, raw, fields } = parseTaskFields(rawArgs, known);
  const title = head.split('\n')[0].trim();
  if (!title) throw new UsageError('缺少任务标题');
  if (title.length > 60) throw new UsageError('任务标题太长（最多 60 个字）');
  const lateWord = fields.get('逾期');
  const lateRule = lateWord === undefined ? 'half' : LATE_WORDS[lateWord];
  if (!lateRule) throw new UsageError(`「逾期」可填：全分、半分、不计分，你写的是「${lateWord}」`);
  return {
    title,
    fields,
    body: {
      title,
      content: raw.get('内容') ?? '',
      points: fields.has('分值') ? parsePoints(fields.get('分值')!) : 5,
      proofKinds: fields.has('证明') ? parseProofKinds(fields.get('证明')!) : ['image', 'text'],
      minChars: fields.has('字数') ? boundedInt(fields.get('字数')!, '字数', 0, 2000) : 20,
      lateRule,
    },
  };
}

export function parseDeadline(value: string | undefined, now: Date, tz: string): Date {
  if (!value) throw new UsageError(`缺少「截止：…」，例如 截止：${DEADLINE_FORMS[0]}`);
  const deadline = parseDeadlineText(value, now, tz);
  if (!deadline) throw new UsageError(`截止时间「${value}」看不懂。可以这样写：${DEADLINE_FORMS.join('、')}`);
  if (deadline <= now) throw new UsageError(`截止时间 ${formatDeadline(deadline, tz)} 已经过去了，请填写将来的时间`);
  return deadline;
}
