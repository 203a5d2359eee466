/** 学习 and 奉献: what points count as, how they are named and split for the boards. */
import type { LedgerCategory } from '../model';
import type { LedgerFilter, Store } from '../store/store';
import { parsePeriod, type Period } from './periods';

export const CATEGORY_NAMES: Record<LedgerCategory, string> = { study: '学习', service: '奉献' };

const CATEGORY_WORDS: Record<string, LedgerCategory> = {
  学习: 'study',
  学习积分: 'study',
  奉献: 'service',
  奉献积分: 'service',
  志愿: 'service',
  志愿服务: 'service',
};

/** The category an entry counts in: 学习 unless it says 奉献. */
export const categoryOf = (e: { category?: LedgerCategory }): LedgerCategory => e.category ?? 'study';

/** `排名 [本周|本月|总] [学习|奉献]` in either order; undefined when a word is neither. */
export function parseRankingArgs(text: string): { period: Period; category?: LedgerCategory } | undefined {
  let period: Period = 'all';
  let category: LedgerCategory | undefined;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (CATEGORY_WORDS[word]) category = CATEGORY_WORDS[word];
    else if (parsePeriod(word)) period = parsePeriod(word)!;
    else return undefined;
  }
  return { period, category };
}

export interface Split {
  study: number;
  service: number;
}

/** Each member's points split into 学习 and 奉献 (学习 = the whole less 奉献), from the ledger's running totals. */
export async function categorySplit(
  store: Store,
  memberIds: number[],
  range: LedgerFilter = {},
): Promise<Map<number, Split>> {
  const total = await store.ledger.totals(memberIds, { ...range, category: undefined });
  const service = await store.ledger.totals(memberIds, { ...range, category: 'service' });
  const out = new Map<number, Split>();
  for (const id of memberIds) {
    const s = service.get(id) ?? 0;
    out.set(id, { study: (total.get(id) ?? 0) - s, service: s });
  }
  return out;
}

/** `（学习 10，奉献 5）` for a member who earned 奉献 points; nothing for study-only points. */
export function formatSplit(split: Split | undefined): string {
  return split && split.service !== 0 ? `（学习 ${split.study}，奉献 ${split.service}）` : '';
}
