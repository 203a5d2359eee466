/** Competition ranking ("1224"): ties share a rank and the next rank skips. Sorted by score, then by name. */
export interface Ranked<T> {
  rank: number;
  score: number;
  item: T;
}

export function rankByScore<T>(items: T[], score: (item: T) => number, name: (item: T) => string): Ranked<T>[] {
  const sorted = [...items].sort((a, b) => score(b) - score(a) || name(a).localeCompare(name(b), 'zh-CN'));
  const out: Ranked<T>[] = [];
  sorted.forEach((item, i) => {
    const s = score(item);
    const rank = i > 0 && out[i - 1].score === s ? out[i - 1].rank : i + 1;
    out.push({ rank, score: s, item });
  });
  return out;
}
