import type { AccessScope } from '../access/access-scope';
import { canSeeBranch, canSeeMember, visibleMembers } from '../access/access-scope';
import { FieldError } from '../members/member-fields';
import type { Branch, Member, MemberFields } from '../model';
import type { Store } from '../store/store';
import { columnFor, EXPORT_ONLY_HEADERS, type ParseEnv, type RosterColumn, type RosterDraft } from './roster-columns';
import { RosterFileError } from './roster-file-error';
import type { Table, TableRow } from './read-table';

export interface RosterRowError {
  row: number;
  column: string;
  value: string;
  message: string;
}

export interface PlannedRow {
  row: number;
  /** Set when the row updates an existing member. */
  memberId?: number;
  fields: Partial<MemberFields> & { name: string };
}

export interface RosterCheck {
  rows: number;
  planned: PlannedRow[];
  errors: RosterRowError[];
  ignoredColumns: string[];
}

interface Lookup {
  scope: AccessScope;
  branches: Map<string, Branch>;
  members: Map<number, Member>;
  byName: Map<string, Member[]>;
}

/** Validates every row; a row with any bad cell is reported (every bad cell of it) and left out of the plan. */
export async function checkRoster(table: Table, store: Store, scope: AccessScope, env: ParseEnv): Promise<RosterCheck> {
  const columns = table.headers.map((h) => columnFor(h));
  if (!columns.some((c) => c?.header === '流出地支部' || c?.header === '流入地支部')) {
    throw new RosterFileError('表头缺少「流出地支部」或「流入地支部」列：每名党员至少要属于一个支部（可先下载模板）');
  }
  const lookup = await loadLookup(store, scope);
  const seen = new Map<string, number>();
  const planned: PlannedRow[] = [];
  const errors: RosterRowError[] = [];
  for (const row of table.rows) {
    const rowErrors: RosterRowError[] = [];
    const plan = planRow(row, table.headers, columns, lookup, env, rowErrors);
    if (plan && rowErrors.length === 0) {
      const key =
        plan.memberId !== undefined
          ? `id:${plan.memberId}`
          : `new:${plan.fields.name}:${plan.fields.homeBranchId ?? ''}:${plan.fields.hostBranchId ?? ''}`;
      const first = seen.get(key);
      if (first !== undefined)
        rowErrors.push({
          row: row.row,
          column: '姓名',
          value: plan.fields.name,
          message: `与第 ${first} 行是同一名党员，请合并为一行`,
        });
      else seen.set(key, row.row);
    }
    if (rowErrors.length) errors.push(...rowErrors);
    else if (plan) planned.push(plan);
  }
  const ignoredColumns = table.headers.filter((h, i) => h && !columns[i] && !EXPORT_ONLY_HEADERS.includes(h));
  return { rows: table.rows.length, planned, errors, ignoredColumns };
}

async function loadLookup(store: Store, scope: AccessScope): Promise<Lookup> {
  const members = await visibleMembers(store, scope);
  const byName = new Map<string, Member[]>();
  for (const m of members) byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
  const branches = new Map((await store.branches.list()).map((b) => [b.name, b]));
  return { scope, branches, members: new Map(members.map((m) => [m.id, m])), byName };
}

function parseCells(
  row: TableRow,
  headers: string[],
  columns: Array<RosterColumn | undefined>,
  env: ParseEnv,
  errors: RosterRowError[],
): RosterDraft {
  const draft: RosterDraft = { fields: {} };
  columns.forEach((col, i) => {
    const value = row.cells[i] ?? '';
    if (!col) return;
    if (value === '') {
      if (col.required) errors.push({ row: row.row, column: col.header, value, message: '必填，不能为空' });
      return;
    }
    try {
      col.apply(value, draft, env);
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      errors.push({ row: row.row, column: headers[i] || col.header, value, message: err.message });
    }
  });
  return draft;
}

function planRow(
  row: TableRow,
  headers: string[],
  columns: Array<RosterColumn | undefined>,
  lookup: Lookup,
  env: ParseEnv,
  errors: RosterRowError[],
): PlannedRow | undefined {
  const draft = parseCells(row, headers, columns, env, errors);
  const err = (column: string, value: string, message: string) => errors.push({ row: row.row, column, value, message });
  const home = resolveBranch(draft.homeBranch, 'home', '流出地支部', lookup, err);
  const host = resolveBranch(draft.hostBranch, 'host', '流入地支部', lookup, err);
  if (!draft.homeBranch && !draft.hostBranch) err('流出地支部', '', '「流出地支部」和「流入地支部」至少填一个');
  const name = draft.fields.name;
  if (!name || errors.length) return undefined;
  const fields = {
    ...draft.fields,
    name,
    ...(home ? { homeBranchId: home.id } : {}),
    ...(host ? { hostBranchId: host.id } : {}),
  };
  const memberId = matchMember(draft.id, fields, lookup, err);
  const current = memberId === undefined ? undefined : lookup.members.get(memberId);
  checkBranchRight(home, current?.homeBranchId, '流出地支部', lookup.scope, err);
  checkBranchRight(host, current?.hostBranchId, '流入地支部', lookup.scope, err);
  return errors.length ? undefined : { row: row.row, memberId, fields };
}

/**
 * A branch the importer does not run may stand in a row only where it is already the member's branch: a 双报 member's
 * other branch comes back unchanged in the secretary's own export, but nobody is moved into or out of it.
 */
function checkBranchRight(
  branch: Branch | undefined,
  current: number | undefined,
  column: string,
  scope: AccessScope,
  err: (c: string, v: string, m: string) => void,
): void {
  if (branch && !canSeeBranch(scope, branch.id) && branch.id !== current)
    err(column, branch.name, '你没有这个支部的管理权限');
}

function resolveBranch(
  name: string | undefined,
  kind: Branch['kind'],
  column: string,
  lookup: Lookup,
  err: (c: string, v: string, m: string) => void,
): Branch | undefined {
  if (!name) return undefined;
  const branch = lookup.branches.get(name);
  if (!branch) {
    err(column, name, '系统中没有这个支部（请核对名称，或先在群里「绑定支部」）');
    return undefined;
  }
  if (branch.kind !== kind) {
    err(
      column,
      name,
      `这是${branch.kind === 'home' ? '流出地' : '流入地'}支部，请填到「${branch.kind === 'home' ? '流出地支部' : '流入地支部'}」列`,
    );
    return undefined;
  }
  return branch;
}

/** Existing member the row updates: by 编号, else by name within the row's branches; undefined means a new member. */
function matchMember(
  id: number | undefined,
  fields: Partial<MemberFields> & { name: string },
  lookup: Lookup,
  err: (c: string, v: string, m: string) => void,
): number | undefined {
  if (id !== undefined) {
    const member = lookup.members.get(id);
    if (!member || !canSeeMember(lookup.scope, member))
      err('编号', String(id), '没有这个编号的党员（或不在你管理的支部），新党员请留空');
    return member?.id;
  }
  const same = (lookup.byName.get(fields.name) ?? []).filter(
    (m) =>
      (fields.homeBranchId !== undefined && m.homeBranchId === fields.homeBranchId) ||
      (fields.hostBranchId !== undefined && m.hostBranchId === fields.hostBranchId),
  );
  if (same.length > 1)
    err(
      '姓名',
      fields.name,
      `本支部有 ${same.length} 位党员叫「${fields.name}」，请在「编号」列填写要更新的是哪一位（编号见导出的名单）`,
    );
  return same.length === 1 ? same[0].id : undefined;
}
