import type { AccessScope } from '../access/access-scope';
import type { HelpCase, HelpCaseStatus } from '../help-cases/help-case';
import { CATEGORY_LABELS, type Category } from '../answers/kb/category';
import type { Store } from '../store/store';

export interface CategoryFigures {
  /** `all` for the total row. */
  category: Category | 'all';
  total: number;
  byStatus: Record<HelpCaseStatus, number>;
  /** Hours from opening to 结案, over closed cases (undefined when none closed). */
  medianHoursToClose?: number;
  averageHoursToClose?: number;
  medianHoursToFirstReply?: number;
}

/** Help cases of the branches in scope (a case belongs to its member's home and host branch), newest first. */
export async function visibleHelpCases(store: Store, scope: AccessScope, branchId?: number): Promise<HelpCase[]> {
  if (branchId !== undefined)
    return scope.all || scope.branchIds.has(branchId) ? store.helpCases.list({ branchIds: [branchId] }) : [];
  return scope.all ? store.helpCases.list() : store.helpCases.list({ branchIds: [...scope.branchIds] });
}

export function hoursBetween(from: string, to: string | undefined): number | undefined {
  return to === undefined ? undefined : (new Date(to).getTime() - new Date(from).getTime()) / 3_600_000;
}

function median(values: number[]): number | undefined {
  if (!values.length) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const round1 = (n: number | undefined) => (n === undefined ? undefined : Math.round(n * 10) / 10);

function figures(category: Category | 'all', cases: HelpCase[]): CategoryFigures {
  const byStatus: Record<HelpCaseStatus, number> = { open: 0, replied: 0, closed: 0 };
  for (const c of cases) byStatus[c.status]++;
  const toClose = cases.map((c) => hoursBetween(c.createdAt, c.closedAt)).filter((h): h is number => h !== undefined);
  const toReply = cases
    .map((c) => hoursBetween(c.createdAt, c.firstReplyAt))
    .filter((h): h is number => h !== undefined);
  return {
    category,
    total: cases.length,
    byStatus,
    medianHoursToClose: round1(median(toClose)),
    averageHoursToClose: round1(toClose.length ? toClose.reduce((a, b) => a + b, 0) / toClose.length : undefined),
    medianHoursToFirstReply: round1(median(toReply)),
  };
}

/** Counts per category and status, and how long cases took to answer and to close; the last row is the total. */
export function helpCaseFigures(cases: HelpCase[]): Array<CategoryFigures & { label: string }> {
  const rows = (Object.keys(CATEGORY_LABELS) as Category[]).map((cat) => ({
    ...figures(
      cat,
      cases.filter((c) => c.category === cat),
    ),
    label: CATEGORY_LABELS[cat],
  }));
  return [...rows, { ...figures('all', cases), label: '合计' }];
}
