const CHINESE_DIGITS = '一二三四五六七八九';
const CIRCLED = '①②③④⑤⑥⑦⑧⑨';

/**
 * A reply that picks item n of a numbered list: `1`, `1。`, `1.`, `①`, `第一个`, `第1条`, `选2`, `一`. Anything
 * longer is a new message, not a choice. Returns n (1-based) or undefined.
 */
export function parseChoice(text: string): number | undefined {
  const t = text
    .trim()
    .replace(/[\s\p{P}\p{S}]+$/u, '')
    .replace(/^(?:选|要|看)/, '');
  const m = /^第?([1-9]|[一二三四五六七八九]|[①-⑨])(?:个|条|项)?$/u.exec(t);
  if (!m) return undefined;
  const d = m[1];
  if (/[1-9]/.test(d)) return Number(d);
  const cn = CHINESE_DIGITS.indexOf(d);
  return cn >= 0 ? cn + 1 : CIRCLED.indexOf(d) + 1;
}
