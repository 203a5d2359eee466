import { canSeeBranch, visibleBranches } from '../../access/access-scope';
import type { Branch } from '../../model';
import type { Store } from '../../store/store';
import { html, type SafeHtml } from './html';
import type { Viewer } from './viewer';

export const KIND_NAMES = { home: '流出地', host: '流入地' } as const;

export interface BranchChoice {
  branches: Branch[];
  /** The chosen branch when `?branch=` names one in scope; an id outside the scope is ignored. */
  selected?: Branch;
}

export async function branchChoice(store: Store, viewer: Viewer, raw: unknown): Promise<BranchChoice> {
  const branches = await visibleBranches(store, viewer.scope);
  const id = Number(raw);
  const selected =
    Number.isInteger(id) && canSeeBranch(viewer.scope, id) ? branches.find((b) => b.id === id) : undefined;
  return { branches, selected };
}

/** A <select name="branch"> of the branches in scope. */
export function branchSelect(choice: BranchChoice, allLabel = '全部支部'): SafeHtml {
  return html`<label>支部<select name="branch"><option value="">${allLabel}</option>${choice.branches.map(
    (b) =>
      html`<option value="${b.id}"${choice.selected?.id === b.id ? html` selected` : ''}>${b.name}（${KIND_NAMES[b.kind]}）</option>`,
  )}</select></label>`;
}
