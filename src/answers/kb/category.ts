/** What a question or help case is about. Codes in English, labels as members and secretaries write them. */
export type Category = 'jobs' | 'medical' | 'schooling' | 'other';

export const CATEGORY_LABELS: Record<Category, string> = { jobs: '就业', medical: '就医', schooling: '就学', other: '其他' };

export const CATEGORY_CHOICES = Object.values(CATEGORY_LABELS).join('|');

/** `就医` → `medical`; undefined for anything else. */
export function parseCategory(label: string): Category | undefined {
  const entry = Object.entries(CATEGORY_LABELS).find(([, name]) => name === label.trim());
  return entry?.[0] as Category | undefined;
}
