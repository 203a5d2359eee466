import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { migrations } from '../../src/store/sqlite/migrations';
import { openSqlite } from '../../src/store/sqlite/open-sqlite';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import { mongoStore } from '../../src/store/mongo/mongo-store';
import { startFakeMongo, type FakeMongoServer } from '../helpers/fake-mongo/fake-mongo-server';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';
import type { Store } from '../../src/store/store';

const T0 = new Date('2026-12-01T02:00:00.000Z');

/**
 * Data written before ledger entries knew their branch: a home branch and a host branch, a member in both, the host
 * secretary, one task of each branch and a manual entry made by the host secretary.
 */
async function seed(store: Store): Promise<{ home: number; host: number; member: number }> {
  const home = (await store.branches.create({ name: '青山村', kind: 'home' }, T0)).id;
  const host = (await store.branches.create({ name: '广州流动', kind: 'host' }, T0)).id;
  const member = (await store.members.create({ name: '张三', homeBranchId: home, hostBranchId: host }, T0)).id;
  const sec = (await store.members.create({ name: '刘书记', hostBranchId: host }, T0)).id;
  await store.identities.bind({ platform: 'sim', userId: 'u_host', memberId: sec });
  await store.roles.grant({ role: 'secretary', memberId: sec, branchId: host, grantedBy: 'sim:u_admin' }, T0);
  const base = {
    content: '',
    deadline: T0.toISOString(),
    points: 10,
    proofKinds: ['text' as const],
    minChars: 1,
    lateRule: 'half' as const,
    createdBy: 'x',
  };
  await store.tasks.create({ ...base, branchId: home, title: '家乡任务' }, T0);
  await store.tasks.create({ ...base, branchId: host, title: '流入地任务' }, T0);
  return { home, host, member };
}

async function oldEntries(
  append: (e: { taskId?: number; kind: string; delta: number; actor: string; key: string }) => Promise<void>,
): Promise<void> {
  await append({ taskId: 1, kind: 'task', delta: 10, actor: 'system', key: 'task:1:member:1' });
  await append({ taskId: 2, kind: 'task', delta: 10, actor: 'system', key: 'task:2:member:1' });
  await append({ kind: 'manual', delta: 3, actor: 'sim:u_host', key: 'manual:x' });
}

async function expectBranchTotals(store: Store, ids: { home: number; host: number; member: number }): Promise<void> {
  expect((await store.ledger.totals([ids.member], { branchId: ids.home })).get(ids.member)).toBe(10);
  expect((await store.ledger.totals([ids.member], { branchId: ids.host })).get(ids.member)).toBe(13);
  expect((await store.ledger.totals([ids.member])).get(ids.member)).toBe(23);
}

describe('existing ledger entries get their branch', () => {
  afterAll(cleanupTempDirs);

  test("SQLite: the migration derives it from the task, or from the branch the manual entry's actor runs", async () => {
    const dir = tempDir();
    const file = path.join(dir, 'zhibu.db');
    const before = migrations.filter((m) => m.version < 1210);
    // Rows written by hand: today's store would write the new column.
    const db = openSqlite(file, before);
    db.exec(`INSERT INTO branches (name, kind, created_at) VALUES ('青山村','home','${T0.toISOString()}'), ('广州流动','host','${T0.toISOString()}');
      INSERT INTO members (name, home_branch_id, host_branch_id, certificate_status, status, created_at, updated_at) VALUES ('张三',1,2,'none','active','t','t'), ('刘书记',NULL,2,'none','active','t','t');
      INSERT INTO identities (platform, user_id, member_id) VALUES ('sim','u_host',2);
      INSERT INTO role_grants (role, member_id, branch_id, granted_by, created_at) VALUES ('secretary',2,2,'a','t');
      INSERT INTO tasks (branch_id, title, content, deadline, points, proof_kinds, min_chars, late_rule, created_by, created_at)
        VALUES (1,'家乡任务','','t',10,'[]',1,'half','x','t'), (2,'流入地任务','','t',10,'[]',1,'half','x','t');`);
    await oldEntries(async (e) => {
      db.prepare(
        'INSERT INTO ledger (member_id, delta, reason, kind, task_id, actor, idem_key, created_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)',
      ).run(e.delta, 'r', e.kind, e.taskId ?? null, e.actor, e.key, T0.toISOString());
    });
    db.close();
    const store = sqliteStore(dir);
    await expectBranchTotals(store, { home: 1, host: 2, member: 1 });
    expect(() => store.db.prepare('UPDATE ledger SET delta = 50').run()).toThrow('append-only');
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

    test('entries without a branch get it from the migration when the store opens', async () => {
      const dbName = `zhibu_${randomUUID().slice(0, 8)}`;
      const first = await mongoStore(server.uri, { dbName, serverSelectionTimeoutMS: 2_000 });
      const ids = await seed(first);
      let n = 0;
      await oldEntries(async (e) => {
        await first.models.ledger.collection.insertOne({
          _id: ++n as never,
          memberId: ids.member,
          delta: e.delta,
          reason: 'r',
          kind: e.kind,
          actor: e.actor,
          idemKey: e.key,
          createdAt: T0.toISOString(),
          ...(e.taskId ? { taskId: e.taskId } : {}),
        });
      });
      expect((await first.ledger.totals([ids.member], { branchId: ids.host })).size).toBe(0);
      // A database written before the migration existed has not recorded it.
      await first.conn.db!.collection<{ _id: number }>('schema_migrations').deleteOne({ _id: 2 });
      await first.close();
      const reopened = await mongoStore(server.uri, { dbName, serverSelectionTimeoutMS: 2_000 });
      await expectBranchTotals(reopened, ids);
      await reopened.conn.dropDatabase();
      await reopened.close();
    });
  });
});
