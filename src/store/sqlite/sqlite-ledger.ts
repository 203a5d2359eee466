import type { LedgerEntry } from '../../model';
import type { LedgerFilter, LedgerRepo } from '../store';
import type { Db } from './open-sqlite';
import { fromRow, type Row } from './row-mapping';
import { sqliteStanding } from './sqlite-standing';

type Sums = Map<number, number>;
/** Per member: the sum, and how many entries it covers (a member without entries in the window is left out). */
type Tally = Map<number, { sum: number; entries: number }>;
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
 * Runs a per-member sum (`SELECT member_id, SUM(...) ... WHERE member_id IN (?, ?, …) ... GROUP BY member_id`) over
 * any number of members and adds each sum and entry count into `out` times `sign`. Each chunk comes back as one row of JSON
 * arrays: a province-wide board is 100,000 members, and one parsed array costs less than a row object per member.
 */
function tallyInto(out: Tally, shape: Shape, memberIds: number[], args: unknown[], sign = 1): Tally {
  for (let i = 0; i < memberIds.length; i += CHUNK) {
    const ids = memberIds.slice(i, i + CHUNK);
    const size = sizeFor(ids.length);
    while (ids.length < size) ids.push(ids[0]);
    const [members, sums, counts] = (
      shape(size)
        .raw()
        .get(...ids, ...args) as string[]
    ).map((json) => JSON.parse(json) as number[]);
    members.forEach((id, k) => {
      const t = out.get(id) ?? { sum: 0, entries: 0 };
      out.set(id, { sum: t.sum + sign * sums[k], entries: t.entries + sign * counts[k] });
    });
  }
  return out;
}

function sumsOf(tally: Tally): Sums {
  const out: Sums = new Map();
  for (const [id, t] of tally) if (t.entries > 0) out.set(id, t.sum);
  return out;
}

/** `where` names the member list as `IN (?)`, which becomes as many marks as the statement's size. */
function perMember(db: Db, sum: string, count: string, where: string): Shape {
  const prepared = new Map<number, Statement>();
  return (size) => {
    let stmt = prepared.get(size);
    if (!stmt) {
      const list = where.replace('IN (?)', `IN (${Array(size).fill('?').join(', ')})`);
      stmt = db.prepare(`SELECT json_group_array(member_id), json_group_array(s), json_group_array(n) FROM (SELECT
        member_id, SUM(${sum}) AS s, ${count} AS n FROM ${list} GROUP BY member_id)`);
      prepared.set(size, stmt);
    }
    return stmt;
  };
}

/** The running-total columns and the entry condition of one category (学习 is whatever is not 奉献). */
const CATEGORY_SQL = {
  all: { total: 'total', entries: 'SUM(entries)', where: '' },
  service: { total: 'service_total', entries: 'SUM(service_entries)', where: "AND category = 'service'" },
  study: {
    total: 'total - service_total',
    entries: 'SUM(entries - service_entries)',
    where: "AND (category IS NULL OR category <> 'service')",
  },
};

/**
 * Sums per member. Balances over all time come from the running totals the ledger's insert trigger keeps in the
 * entry's own transaction (migrations 1400 and 1520); a window that starts somewhere is summed from its entries, and
 * one that only ends somewhere is the running total less the entries booked since its end. Each query shape is
 * prepared on first use.
 */
function ledgerSums(db: Db) {
  const made = new Map<string, Shape>();
  const statement = (shape: string, make: () => Shape) => made.get(shape) ?? made.set(shape, make()).get(shape)!;
  const running = (category: keyof typeof CATEGORY_SQL, branch: boolean) =>
    statement(`running:${category}:${branch}`, () => {
      const c = CATEGORY_SQL[category];
      return perMember(
        db,
        c.total,
        c.entries,
        `ledger_totals WHERE member_id IN (?) ${branch ? 'AND branch_id = ?' : ''}`,
      );
    });
  const window = (category: keyof typeof CATEGORY_SQL, to: boolean, branch: boolean) =>
    statement(`window:${category}:${to}:${branch}`, () =>
      perMember(
        db,
        'delta',
        'COUNT(*)',
        `ledger WHERE member_id IN (?) AND created_at >= ? ${to ? 'AND created_at < ?' : ''} ${branch ? 'AND branch_id = ?' : ''} ${CATEGORY_SQL[category].where}`,
      ),
    );
  return (memberIds: number[], r: LedgerFilter = {}): Sums => {
    const branch = r.branchId !== undefined ? [r.branchId] : [];
    const category = r.category ?? 'all';
    if (r.from) {
      const to = r.to ? [r.to.toISOString()] : [];
      const args = [r.from.toISOString(), ...to, ...branch];
      return sumsOf(tallyInto(new Map(), window(category, to.length > 0, branch.length > 0), memberIds, args));
    }
    const out = tallyInto(new Map(), running(category, branch.length > 0), memberIds, branch);
    if (!r.to) return sumsOf(out);
    const since = window(category, false, branch.length > 0);
    return sumsOf(tallyInto(out, since, memberIds, [r.to.toISOString(), ...branch], -1));
  };
}

export function sqliteLedger(db: Db): LedgerRepo {
  const byKey = db.prepare('SELECT * FROM ledger WHERE idem_key = ?');
  const sums = ledgerSums(db);
  const range = (r: LedgerFilter = {}) => ({
    sql: `${r.from ? 'AND created_at >= ?' : ''} ${r.to ? 'AND created_at < ?' : ''} ${r.branchId !== undefined ? 'AND branch_id = ?' : ''} ${r.category ? CATEGORY_SQL[r.category].where : ''}`,
    args: [
      ...(r.from ? [r.from.toISOString()] : []),
      ...(r.to ? [r.to.toISOString()] : []),
      ...(r.branchId !== undefined ? [r.branchId] : []),
    ],
  });
  // Look before inserting, in one IMMEDIATE transaction: an ignored INSERT would still burn an AUTOINCREMENT id,
  // and the ids are the 记录号 secretaries read, where a gap looks like a deleted entry. The running total is
  // written by the table's trigger inside this same transaction.
  const insert =
    db.prepare(`INSERT INTO ledger (member_id, delta, reason, kind, task_id, submission_id, branch_id, actor, idem_key, created_at,
    category) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const byId = db.prepare('SELECT * FROM ledger WHERE id = ?');
  const append = db.transaction((e: Parameters<LedgerRepo['append']>[0], ts: string) => {
    if (byKey.get(e.idemKey)) return undefined;
    const info = insert.run(
      e.memberId,
      e.delta,
      e.reason,
      e.kind,
      e.taskId ?? null,
      e.submissionId ?? null,
      e.branchId ?? null,
      e.actor,
      e.idemKey,
      ts,
      e.category ?? null,
    );
    return fromRow<LedgerEntry>(byId.get(info.lastInsertRowid) as Row);
  });
  return {
    async append(e, now) {
      return append.immediate(e, now.toISOString());
    },
    async findByIdemKey(key) {
      return fromRow<LedgerEntry>(byKey.get(key) as Row);
    },
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
    // A member listed twice is summed once: the chunks would otherwise each add them.
    async totals(memberIds, r) {
      return memberIds.length === 0 ? new Map() : sums([...new Set(memberIds)], r);
    },
    async list(r) {
      const { sql, args } = range(r);
      return db
        .prepare(`SELECT * FROM ledger WHERE 1 = 1 ${sql} ORDER BY id`)
        .all(...args)
        .map((row) => fromRow<LedgerEntry>(row as Row)!);
    },
    standing: sqliteStanding(db),
  };
}
