import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { migrations } from '../../src/store/sqlite/migrations';
import { openSqlite } from '../../src/store/sqlite/open-sqlite';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import { mongoStore } from '../../src/store/mongo/mongo-store';
import { startFakeMongo, type FakeMongoServer } from '../helpers/fake-mongo/fake-mongo-server';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';

const T0 = new Date('2026-12-01T02:00:00.000Z');
/** Entries booked before running balances existed: two branches, one entry without a branch, a correction. */
const OLD = [
  { member: 1, branch: 1, delta: 10 },
  { member: 1, branch: 2, delta: 5 },
  { member: 1, branch: 1, delta: -3 },
  { member: 2, branch: 2, delta: 10 },
  { member: 2, branch: null, delta: 4 },
];

describe('running ledger balances are filled from the entries already booked', () => {
  afterAll(cleanupTempDirs);

  test("SQLite: the migration sums each member's entries per branch; later entries add to them in their transaction", async () => {
    const dir = tempDir();
    const db = openSqlite(
      path.join(dir, 'zhibu.db'),
      migrations.filter((m) => m.version < 1400),
    );
    db.exec(`INSERT INTO branches (name, kind, created_at) VALUES ('甲','home','t'), ('乙','host','t');
      INSERT INTO members (name, home_branch_id, certificate_status, status, created_at, updated_at) VALUES ('张三',1,'none','active','t','t'), ('李四',2,'none','active','t','t');`);
    OLD.forEach((e, i) =>
      db
        .prepare(
          'INSERT INTO ledger (member_id, delta, reason, kind, branch_id, actor, idem_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(e.member, e.delta, 'r', 'manual', e.branch, 'sim:sec', `old${i}`, T0.toISOString()),
    );
    db.close();
    const store = sqliteStore(dir);
    const rows = () =>
      store.db
        .prepare('SELECT member_id, branch_id, total, entries FROM ledger_totals ORDER BY member_id, branch_id')
        .raw()
        .all();
    expect(rows()).toEqual([
      [1, 1, 7, 2],
      [1, 2, 5, 1],
      [2, 0, 4, 1],
      [2, 2, 10, 1],
    ]);
    await store.ledger.append(
      { memberId: 2, delta: 6, reason: '任务', kind: 'task', branchId: 2, actor: 'system', idemKey: 'new1' },
      T0,
    );
    await store.ledger.append(
      { memberId: 2, delta: 6, reason: '任务', kind: 'task', branchId: 2, actor: 'system', idemKey: 'new1' },
      T0,
    );
    expect(rows()).toEqual([
      [1, 1, 7, 2],
      [1, 2, 5, 1],
      [2, 0, 4, 1],
      [2, 2, 16, 2],
    ]);
    expect(await store.ledger.totals([1, 2])).toEqual(
      new Map([
        [1, 12],
        [2, 20],
      ]),
    );
    await store.close();
  });

  describe('MongoDB (wire-protocol fake)', () => {
    let server: FakeMongoServer;
    beforeAll(async () => {
      server = await startFakeMongo();
    });
    afterAll(async () => {
      await server.close();
    });

    test('the migration step rebuilds the balances; a repeated booking repairs one its first attempt left behind', async () => {
      const dbName = `zhibu_${randomUUID().slice(0, 8)}`;
      const first = await mongoStore(server.uri, { dbName, serverSelectionTimeoutMS: 2_000 });
      // Entries inserted past the repo, as a store written before the balances existed holds them.
      await first.models.ledger.collection.insertMany(
        OLD.map((e, i) => ({
          _id: (i + 1) as never,
          memberId: e.member,
          delta: e.delta,
          reason: 'r',
          kind: 'manual',
          actor: 'sim:sec',
          idemKey: `old${i}`,
          createdAt: T0.toISOString(),
          ...(e.branch !== null ? { branchId: e.branch } : {}),
        })),
      );
      await first.conn.db!.collection<{ _id: number }>('schema_migrations').deleteOne({ _id: 3 });
      await first.close();
      const store = await mongoStore(server.uri, { dbName, serverSelectionTimeoutMS: 2_000 });
      expect(await store.ledger.totals([1, 2])).toEqual(
        new Map([
          [1, 12],
          [2, 14],
        ]),
      );
      expect(await store.ledger.totals([1, 2], { branchId: 2 })).toEqual(
        new Map([
          [1, 5],
          [2, 10],
        ]),
      );
      // A crash between the entry and its balance: the entry is there, the balance is not; the redelivery repairs it.
      await store.models.ledger.collection.insertOne({
        _id: 6 as never,
        memberId: 2,
        delta: 6,
        reason: '任务',
        kind: 'task',
        branchId: 2,
        actor: 'system',
        idemKey: 'new1',
        createdAt: T0.toISOString(),
      });
      expect((await store.ledger.totals([2], { branchId: 2 })).get(2)).toBe(10);
      expect(
        await store.ledger.append(
          { memberId: 2, delta: 6, reason: '任务', kind: 'task', branchId: 2, actor: 'system', idemKey: 'new1' },
          T0,
        ),
      ).toBeUndefined();
      expect((await store.ledger.totals([2], { branchId: 2 })).get(2)).toBe(16);
      await store.conn.dropDatabase();
      await store.close();
    });
  });
});
