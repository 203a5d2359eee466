import path from 'node:path';
import { migrations } from '../../src/store/sqlite/migrations';
import { openSqlite, type Db } from '../../src/store/sqlite/open-sqlite';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';

const T0 = new Date('2026-12-01T02:00:00.000Z');

/** Each member's balance over all branches as the ledger itself says: sum, count, and the 奉献 share of both. */
function fromLedger(db: Db, category: boolean): unknown[] {
  const service = category ? "category = 'service'" : '0';
  return db
    .prepare(
      `SELECT member_id, SUM(delta), COUNT(*), SUM(CASE WHEN ${service} THEN delta ELSE 0 END),
        SUM(CASE WHEN ${service} THEN 1 ELSE 0 END) FROM ledger GROUP BY member_id ORDER BY member_id`,
    )
    .raw()
    .all();
}

const kept = (db: Db) =>
  db
    .prepare('SELECT member_id, total, entries, service_total, service_entries FROM member_totals ORDER BY member_id')
    .raw()
    .all();

function seedOld(db: Db, withCategory: boolean): void {
  db.exec(`INSERT INTO branches (name, kind, created_at) VALUES ('甲','home','t'), ('乙','host','t');
    INSERT INTO members (name, home_branch_id, certificate_status, status, created_at, updated_at)
    VALUES ('张三',1,'none','active','t','t'), ('李四',2,'none','active','t','t'), ('王五',2,'none','active','t','t');`);
  const rows: Array<[number, number | null, number, string | null]> = [
    [1, 1, 10, null],
    [1, 2, 5, 'service'],
    [1, 1, -3, 'study'],
    [2, null, 4, null],
    [2, 2, 10, 'service'],
    [3, 2, 7, null],
    [3, 2, -7, null],
  ];
  rows.forEach(([member, branch, delta, category], i) => {
    const cols = 'member_id, delta, reason, kind, branch_id, actor, idem_key, created_at';
    const args = [member, delta, 'r', 'manual', branch, 'sim:sec', `old${i}`, T0.toISOString()];
    if (withCategory)
      db.prepare(`INSERT INTO ledger (${cols}, category) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(...args, category);
    else if (category !== 'service')
      db.prepare(`INSERT INTO ledger (${cols}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(...args);
  });
}

describe("one running balance per member, summed across branches, beside the ledger's per-branch ones", () => {
  afterAll(cleanupTempDirs);

  test('a database from before 学习/奉献 gets the balances from its entries; later entries add in their transaction', async () => {
    const dir = tempDir();
    const db = openSqlite(
      path.join(dir, 'zhibu.db'),
      migrations.filter((m) => m.version < 1400),
    );
    seedOld(db, false);
    db.close();
    const store = sqliteStore(dir);
    expect(kept(store.db)).toEqual([
      [1, 7, 2, 0, 0],
      [2, 4, 1, 0, 0],
      [3, 0, 2, 0, 0],
    ]);
    const book = (memberId: number, delta: number, key: string, category?: 'service' | 'study') =>
      store.ledger.append(
        { memberId, delta, reason: '任务', kind: 'task', branchId: 2, actor: 'system', idemKey: key, category },
        T0,
      );
    await book(2, 6, 'new1', 'service');
    await book(2, 6, 'new1', 'service');
    await book(1, 2, 'new2');
    expect(kept(store.db)).toEqual([
      [1, 9, 3, 0, 0],
      [2, 10, 2, 6, 1],
      [3, 0, 2, 0, 0],
    ]);
    expect(kept(store.db)).toEqual(fromLedger(store.db, true));
    await store.close();
  });

  test('a database that already splits 学习 and 奉献 gets the 奉献 share of each balance too', async () => {
    const dir = tempDir();
    const db = openSqlite(
      path.join(dir, 'zhibu.db'),
      migrations.filter((m) => m.version !== 1525),
    );
    seedOld(db, true);
    db.close();
    const store = sqliteStore(dir);
    expect(kept(store.db)).toEqual([
      [1, 12, 3, 5, 1],
      [2, 14, 2, 10, 1],
      [3, 0, 2, 0, 0],
    ]);
    expect(kept(store.db)).toEqual(fromLedger(store.db, true));
    expect(await store.ledger.totals([1, 2, 3, 4], { category: 'service' })).toEqual(
      new Map([
        [1, 5],
        [2, 10],
      ]),
    );
    expect(await store.ledger.totals([3, 2, 1, 3], { category: 'study' })).toEqual(
      new Map([
        [1, 7],
        [2, 4],
        [3, 0],
      ]),
    );
    await store.close();
  });
});
