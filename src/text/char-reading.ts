import type * as PinyinPro from 'pinyin-pro';

const readings = new Map<string, string>();
let pinyinPro: typeof PinyinPro | undefined;

/**
 * The toneless pinyin of one Chinese character (its most common reading), cached: what a pinyin input method keys
 * it by. pinyin-pro is required on first use: its dictionary costs ~100 ms of CPU and several MB at start, and only a
 * near-miss command or a question needs it.
 */
export function charReading(char: string): string {
  let r = readings.get(char);
  if (r === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    pinyinPro ??= require('pinyin-pro') as typeof PinyinPro;
    r = pinyinPro.pinyin(char, { toneType: 'none', type: 'array' })[0] ?? char;
    readings.set(char, r);
  }
  return r;
}
