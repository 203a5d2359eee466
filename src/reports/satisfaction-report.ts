import type { Branch } from '../model';
import type { Store } from '../store/store';
import { rate } from './opinion-report';

/** What the members a branch serves can judge it by: help cases closed and rated, opinions closed. */
export interface BranchSatisfaction {
  branch: Branch;
  helpCases: number;
  helpClosed: number;
  helpRated: number;
  helpSatisfied: number;
  /** satisfied / rated, percent. */
  helpSatisfiedRate?: number;
  opinions: number;
  opinionsClosed: number;
  /** 销号率: closed / received, percent. */
  closureRate?: number;
  confirmed: number;
  disputed: number;
  referred: number;
}

/** One row per branch: a help case counts for its member's home and host branch, an opinion for its responsible one. */
export async function branchSatisfaction(store: Store, branches: Branch[]): Promise<BranchSatisfaction[]> {
  const rows: BranchSatisfaction[] = [];
  for (const branch of branches) {
    const cases = await store.helpCases.list({ branchIds: [branch.id] });
    const opinions = await store.opinions.list({ branchIds: [branch.id] });
    const rated = cases.filter((c) => c.rating !== undefined);
    const satisfied = rated.filter((c) => c.rating === 'satisfied').length;
    const closed = opinions.filter((o) => o.status === 'closed');
    rows.push({
      branch,
      helpCases: cases.length,
      helpClosed: cases.filter((c) => c.status === 'closed').length,
      helpRated: rated.length,
      helpSatisfied: satisfied,
      helpSatisfiedRate: rate(satisfied, rated.length),
      opinions: opinions.length,
      opinionsClosed: closed.length,
      closureRate: rate(closed.length, opinions.length),
      confirmed: closed.filter((o) => o.confirmedAt).length,
      disputed: opinions.filter((o) => o.disputes > 0).length,
      referred: opinions.filter((o) => o.status === 'referred').length,
    });
  }
  return rows;
}
