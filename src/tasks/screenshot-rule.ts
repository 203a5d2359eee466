import { UsageError } from '../errors';
import type { Task } from '../model';

const MAX_KEYWORDS = 10;
const MAX_KEYWORD_CHARS = 20;

export type ScreenshotRule = Pick<Task, 'screenshotProof' | 'proofKeywords'>;

/**
 * `证明：截图` and `关键词：学习强国、积分` of a task command (fields in matching form). A screenshot is image proof
 * that is also read for its date and, with 关键词, for one of those words. Returns only the fields written.
 */
export function parseScreenshotRule(fields: Map<string, string>): ScreenshotRule {
  const rule: ScreenshotRule = {};
  const proof = fields.get('证明');
  if (proof !== undefined) rule.screenshotProof = proof.split(/[/,\s或]+/).includes('截图');
  const written = fields.get('关键词');
  if (written === undefined) return rule;
  const words = [...new Set(written.split(/[/,;；\s]+/).filter(Boolean))];
  if (words.length === 0 || words.length > MAX_KEYWORDS)
    throw new UsageError(`「关键词」请写 1–${MAX_KEYWORDS} 个词，用顿号隔开，例如 关键词：学习强国、积分`);
  const long = words.find((w) => [...w].length > MAX_KEYWORD_CHARS);
  if (long) throw new UsageError(`关键词「${long}」太长（最多 ${MAX_KEYWORD_CHARS} 个字）`);
  rule.proofKeywords = words;
  return rule;
}

/** A publish: keywords only make sense on a screenshot, which OCR reads. */
export function screenshotRuleForNewTask(fields: Map<string, string>): ScreenshotRule {
  const rule = parseScreenshotRule(fields);
  if (rule.proofKeywords && !rule.screenshotProof) throw new UsageError('「关键词」用于检查截图，请同时写 证明：截图');
  return rule.screenshotProof ? rule : {};
}

/** The rule in the words a task post uses, e.g. 「截图须含：学习强国」. */
export function describeScreenshotRule(task: ScreenshotRule): string {
  if (!task.screenshotProof) return '';
  return task.proofKeywords?.length ? `截图须含：${task.proofKeywords.join('、')}` : '截图';
}
