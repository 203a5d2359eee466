import { normalizeText } from '../text/normalize-text';
import type { Overall } from './review';

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '①': 1, '②': 2, '③': 3, '④': 4 };

/** `1`, `1。`, `选1`, `第一个`, `①`: the number a member picked, if the whole answer is one. */
function pickedNumber(t: string): number | undefined {
  const m = /^(?:选|选择)?第?([1-9一二三四①②③④])(?:个|项|条)?$/u.exec(t);
  if (!m) return undefined;
  return /[1-9]/.test(m[1]) ? Number(m[1]) : DIGITS[m[1]];
}

/** The answer without spaces, edge punctuation and soft endings (`满意的`, `认识吧`, `满意啊！`). */
function core(text: string): string {
  return normalizeText(text)
    .replace(/\s+/g, '')
    .replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '')
    .replace(/(?:的|吧|啊|呀|哦|噢|了|呢)+$/u, '');
}

/** 认识 (1) or 不认识 (2), typed loosely; undefined when it is neither. */
export function parseKnows(text: string): boolean | undefined {
  const t = core(text);
  const n = pickedNumber(t);
  if (n !== undefined) return n === 1 ? true : n === 2 ? false : undefined;
  if (/^(?:不认识|不认得|不知道|不清楚|没见过|否|不)$/u.test(t)) return false;
  if (/^(?:认识|认得|知道|见过|是|对|嗯|认识他|认识她)$/u.test(t)) return true;
  return undefined;
}

const OVERALL_WORDS: Array<[RegExp, Overall]> = [
  [/^(?:不满意|不太满意|很不满意|非常不满意|不满)$/u, 'unsatisfied'],
  [/^(?:非常满意|很满意|十分满意|特别满意|超满意)$/u, 'very'],
  [/^(?:基本满意|还行|还可以|一般|凑合|过得去)$/u, 'basic'],
  [/^(?:满意|比较满意|挺满意|还算满意)$/u, 'satisfied'],
];
const BY_NUMBER: Overall[] = ['very', 'satisfied', 'basic', 'unsatisfied'];

/** 非常满意 (1) … 不满意 (4), typed loosely; undefined when it is none of them. */
export function parseOverall(text: string): Overall | undefined {
  const t = core(text);
  const n = pickedNumber(t);
  if (n !== undefined) return BY_NUMBER[n - 1];
  return OVERALL_WORDS.find(([re]) => re.test(t))?.[1];
}

/** The option picked on an admin's choice question, by number or by its words; undefined when neither. */
export function parseOption(text: string, options: string[]): number | undefined {
  const t = core(text);
  const n = pickedNumber(t);
  if (n !== undefined) return n <= options.length ? n - 1 : undefined;
  const i = options.findIndex((o) => core(o) === t);
  return i < 0 ? undefined : i;
}

/** `无`, `没有`, `跳过`, `0`: the member leaves the optional comment out. */
export function skipsComment(text: string): boolean {
  return /^(?:无|没有|没|暂无|跳过|不填|不用|没意见|没有意见|无意见|0|略)$/u.test(core(text));
}
