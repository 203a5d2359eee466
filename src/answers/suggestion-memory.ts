/** How long a numbered list stays answerable: long enough to read it, short enough that a later "1" means something else. */
export const SUGGESTION_TTL_MS = 30 * 60_000;
/** Bounded, so a busy bot cannot grow it without end; the oldest list goes first. */
const MAX_LISTS = 5_000;

/**
 * The last numbered list of KB titles the bot offered each person in each chat ("最接近的是：1.… 2.…"), so a reply of
 * `1` picks the first. Kept in memory: losing it on restart costs one retyped question, and a list is short-lived.
 */
export class SuggestionMemory {
  private readonly lists = new Map<string, { titles: string[]; until: number }>();

  constructor(private readonly ttlMs = SUGGESTION_TTL_MS) {}

  remember(key: string, titles: string[], now: Date): void {
    this.lists.delete(key);
    if (titles.length === 0) return;
    this.lists.set(key, { titles, until: now.getTime() + this.ttlMs });
    if (this.lists.size > MAX_LISTS) this.lists.delete(this.lists.keys().next().value as string);
  }

  /** The live list for this person and chat, if any. */
  recall(key: string, now: Date): string[] | undefined {
    const list = this.lists.get(key);
    if (!list) return undefined;
    if (list.until <= now.getTime()) {
      this.lists.delete(key);
      return undefined;
    }
    return list.titles;
  }
}
