import type { LedgerEntry } from '../../model';
import type { LedgerFilter, LedgerRepo } from '../store';
import { GroupCommit } from './group-commit';
import type { Db } from './open-sqlite';
import { fromRow, type Row } from './row-mapping';
import { sqliteLedgerWrites } from './sqlite-ledger-writes';
import { sqliteMemberSummary } from './sqlite-member-summary';
import { sqliteStanding } from './sqlite-standing';

type Sums = Map<number, number>;
type Statement = ReturnType<Db['prepare']>;
/** One query shape prepared for each list size it is asked with. */
type Shape = (size: number) => Statement;

// Members per statement: a few fixed sizes keep a handful of prepared statements per query shape (a short chunk
// repeats its first id, which IN counts once), well under SQLite's cap on bound parameters. The small sizes spare a
// member's own 积分 query from binding 500 copies of one id.
const SIZES = [1, 8, 64, 500];
const CHUNK = SIZES[SIZES.length - 1];
const sizeFor = (n: number) => SIZES.find((s) => s >= n) ?? CHUNK;

/**
 * Runs a per-member query (`SELECT json_group_array(member_id), json_group_array(…) … WHERE member_id IN (?, ?, …)`)
 * over any number of members and hands each chunk's parallel arrays to `take`. A chunk comes back as one row of
 * JSON arrays: a province-wide board is 100,000 members, and one parsed array costs less than a row object each.
 * A member listed twice gets the same figures from every chunk that names them.
 */
function eachChunk(shape: Shape, memberIds: number[], args: unknown[], take: (columns: number[][]) => void): void {
  for (let i = 0; i < memberIds.length; i += CHUNK) {
    const ids = memberIds.slice(i, i + CHUNK);
    const size = sizeFor(ids.length);
    while (ids.length < size) ids.push(ids[0]);
    take(
      (
        shape(size)
          .raw()
          .get(...ids, ...args) as string[]
      ).map((json) => JSON.parse(json) as number[]),
    );
  }
}

/** Each member's figures, one map per column after the ids; set (never added), so a member in two chunks counts once. */
function collect(shape: Shape, memberIds: number[], args: unknown[], ...into: Sums[]): Sums {
  eachChunk(shape, memberIds, args, ([ids, ...columns]) =>
    into.forEach((out, c) => {
      const values = columns[c];
      for (let j = 0; j < ids.length; j++) out.set(ids[j], values[j]);
    }),
  );
  return into[0];
}

/** `from` names the member list as `IN (?)`, which becomes as many marks as the statement's size. */
function perMember(db: Db, columns: string[], from: string): Shape {
  const prepared = new Map<number, Statement>();
  const select = ['member_id', ...columns].map((c) => `json_group_array(${c})`).join(', ');
  return (size) => {
    let stmt = prepared.get(size);
    if (!stmt) {
      stmt = db.prepare(`SELECT ${select} FROM ${from.replace('IN (?)', `IN (${Array(size).fill('?').join(', ')})`)}`);
      prepared.set(size, stmt);
    }
    return stmt;
  };
}

/** The running-total columns and the entry condition of one category (学习 is whatever is not 奉献). */
const CATEGORY_SQL = {
  all: { total: 'total', entries: 'entries', where: '' },
  service: { total: 'service_total', entries: 'service_entries', where: "AND category = 'service'" },
  study: {
    total: 'total - service_total',
    entries: 'entries - service_entries',
    where: "AND (category IS NULL OR category <> 'service')",
  },
};
type Category = keyof typeof CATEGORY_SQL;

/**
 * The query shapes behind `totals`, each prepared on first use. Running totals are kept by the ledger's insert
 * triggers in the entry's own transaction: one row per member over all branches (`member_totals`, migration 1525)
 * and one per member and branch (`ledger_totals`, 1400 and 1520), so an all-time balance is one primary-key row per
 * member, never a GROUP BY. A window's entries are summed from the ledger itself.
 */
function ledgerShapes(db: Db) {
  const made = new Map<string, Shape>();
  const statement = (key: string, make: () => Shape) => made.get(key) ?? made.set(key, make()).get(key)!;
  return {
    /** Per member: the all-time total and, with `counted`, how many entries it covers. */
    running: (category: Category, branch: boolean, counted: boolean) =>
      statement(`running:${category}:${branch}:${counted}`, () => {
        const c = CATEGORY_SQL[category];
        const table = branch
          ? 'ledger_totals WHERE member_id IN (?) AND branch_id = ?'
          : 'member_totals WHERE member_id IN (?)';
        return perMember(db, counted ? [c.total, c.entries] : [c.total], `${table} AND ${c.entries} > 0`);
      }),
    /** Per member with entries in [from, to): their sum and how many there are. */
    window: (category: Category, to: boolean, branch: boolean) =>
      statement(`window:${category}:${to}:${branch}`, () =>
        perMember(
          db,
          ['s', 'n'],
          `(SELECT member_id, SUM(delta) AS s, COUNT(*) AS n FROM ledger WHERE member_id IN (?) AND created_at >= ?
            ${to ? 'AND created_at < ?' : ''} ${branch ? 'AND branch_id = ?' : ''} ${CATEGORY_SQL[category].where}
            GROUP BY member_id)`,
        ),
      ),
  };
}

/**
 * Sums per member; a member without entries in the window is left out. Over all time they are the running totals;
 * a window that starts somewhere is summed from its entries, and one that only ends somewhere is the running total
 * less the entries booked since its end.
 */
function ledgerSums(db: Db) {
  const shapes = ledgerShapes(db);
  return (memberIds: number[], r: LedgerFilter = {}): Sums => {
    const branch = r.branchId !== undefined ? [r.branchId] : [];
    const category = r.category ?? 'all';
    if (r.from) {
      const to = r.to ? [r.to.toISOString()] : [];
      const args = [r.from.toISOString(), ...to, ...branch];
      return collect(shapes.window(category, to.length > 0, branch.length > 0), memberIds, args, new Map());
    }
    if (!r.to) return collect(shapes.running(category, branch.length > 0, false), memberIds, branch, new Map());
    const [total, entries, later, laterEntries]: Sums[] = [new Map(), new Map(), new Map(), new Map()];
    collect(shapes.running(category, branch.length > 0, true), memberIds, branch, total, entries);
    const since = shapes.window(category, false, branch.length > 0);
    collect(since, memberIds, [r.to.toISOString(), ...branch], later, laterEntries);
    const out: Sums = new Map();
    for (const [id, n] of entries)
      if (n > (laterEntries.get(id) ?? 0)) out.set(id, total.get(id)! - (later.get(id) ?? 0));
    return out;
  };
}

export function sqliteLedger(db: Db, commit = new GroupCommit(db)): LedgerRepo {
  const sums = ledgerSums(db);
  const range = (r: LedgerFilter = {}) => ({
    sql: `${r.from ? 'AND created_at >= ?' : ''} ${r.to ? 'AND created_at < ?' : ''} ${r.branchId !== undefined ? 'AND branch_id = ?' : ''} ${r.category ? CATEGORY_SQL[r.category].where : ''}`,
    args: [
      ...(r.from ? [r.from.toISOString()] : []),
      ...(r.to ? [r.to.toISOString()] : []),
      ...(r.branchId !== undefined ? [r.branchId] : []),
    ],
  });
  return {
    ...sqliteLedgerWrites(db, commit),
    async listByMember(memberId) {
      return db
        .prepare('SELECT * FROM ledger WHERE member_id = ? ORDER BY id')
        .all(memberId)
        .map((r) => fromRow<LedgerEntry>(r as Row)!);
    },
    async listBySubmission(submissionId) {
      return db
        .prepare('SELECT * FROM ledger WHERE submission_id = ? ORDER BY id')
        .all(submissionId)
        .map((r) => fromRow<LedgerEntry>(r as Row)!);
    },
    async totals(memberIds, r) {
      return memberIds.length === 0 ? new Map() : sums(memberIds, r);
    },
    async list(r) {
      const { sql, args } = range(r);
      return db
        .prepare(`SELECT * FROM ledger WHERE 1 = 1 ${sql} ORDER BY id`)
        .all(...args)
        .map((row) => fromRow<LedgerEntry>(row as Row)!);
    },
    memberSummary: sqliteMemberSummary(db),
    standing: sqliteStanding(db),
  };
}
