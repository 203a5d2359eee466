import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Branch } from '../src/model';
import { sqliteStore } from '../src/store/sqlite/sqlite-store';
import type { BenchCase } from './bench-case';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 20_000);
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 100_000);
const BRANCHES = 40;
// Store calls per transaction while seeding: 1 writes as the bot does (one commit per call); a province-sized run can
// set e.g. 1000 to generate its data in minutes, the calls being the same.
const SEED_BATCH = Number(process.env.BENCH_SEED_BATCH ?? 1);

function dbBytes(store: { db: { pragma(s: string): unknown } }, dir: string): number {
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  return fs.statSync(path.join(dir, 'zhibu.db')).size;
}

/** Runs `count` store calls, `SEED_BATCH` of them per transaction (the store's own transactions nest as savepoints). */
async function batched(store: Store, count: number, call: (n: number) => Promise<unknown>): Promise<void> {
  for (let n = 0; n < count; n += SEED_BATCH) {
    if (SEED_BATCH > 1) store.db.exec('BEGIN IMMEDIATE');
    for (let k = n; k < Math.min(count, n + SEED_BATCH); k++) await call(k);
    if (SEED_BATCH > 1) store.db.exec('COMMIT');
  }
}

/** The median of five runs: one run on a shared machine says more about the neighbours than about the query. */
async function median<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await timed(fn));
  return runs.sort((a, b) => a.ms - b.ms)[2];
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000)}/s`;
const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;

type Store = ReturnType<typeof sqliteStore>;
const T0 = new Date('2026-01-05T02:00:00Z');

/** Branches and members with a WeCom identity each, one store call at a time (as 报到 and the import write them). */
async function seedMembers(store: Store): Promise<{ branches: Branch[]; members: number[] }> {
  const branches: Branch[] = [];
  for (let i = 0; i < BRANCHES; i++)
    branches.push(await store.branches.create({ name: `第${i}支部`, kind: i % 2 ? 'host' : 'home' }, T0));
  const members: number[] = [];
  await batched(store, MEMBERS, async (i) => {
    const m = await store.members.create(
      {
        name: `党员${i}`,
        phone: `138${String(i).padStart(8, '0')}`,
        occupation: '建筑工',
        destProvince: '广东',
        destCity: '广州',
        homeBranchId: branches[i % BRANCHES].id,
        hostBranchId: branches[(i + 1) % BRANCHES].id,
      },
      T0,
    );
    await store.identities.bind({ platform: 'wecom', userId: `user${i}`, memberId: m.id, displayName: m.name });
    members.push(m.id);
  });
  return { branches, members };
}

async function seedTasks(store: Store, branches: Branch[]): Promise<number[][]> {
  const perBranch = Math.ceil(SUBMISSIONS / MEMBERS) + 1;
  const tasks: number[][] = [];
  for (const b of branches) {
    const list: number[] = [];
    for (let k = 0; k < perBranch; k++) {
      list.push(
        (
          await store.tasks.create(
            {
              branchId: b.id,
              title: `学习任务${k}`,
              content: '学习原文并谈体会',
              deadline: '2026-12-31T10:00:00.000Z',
              points: 10,
              proofKinds: ['image', 'text'],
              minChars: 20,
              lateRule: 'half',
              createdBy: 'wecom:sec',
            },
            T0,
          )
        ).id,
      );
    }
    tasks.push(list);
  }
  return tasks;
}

/** Each submission as the submit handler writes it: the proof (one photo) and its ledger entry. */
async function seedSubmissions(store: Store, branches: Branch[], members: number[], tasks: number[][]): Promise<void> {
  await batched(store, SUBMISSIONS, async (n) => {
    const memberIdx = n % MEMBERS;
    const taskId = tasks[memberIdx % BRANCHES][Math.floor(n / MEMBERS)];
    const at = new Date(T0.getTime() + n * 60_000);
    const { submission } = await store.submissions.upsert(
      {
        taskId,
        memberId: members[memberIdx],
        note: '认真学习了原文，结合外出务工实际谈了体会。',
        links: [],
        media: [{ sha256: (n.toString(16) + 'a'.repeat(64)).slice(0, 64), kind: 'image' }],
        late: false,
        status: 'accepted',
        sourceKey: `wecom:msg${n}`,
      },
      at,
    );
    await store.ledger.append(
      {
        memberId: submission.memberId,
        delta: 10,
        reason: `完成任务 #${taskId}`,
        kind: 'task',
        taskId,
        submissionId: submission.id,
        branchId: branches[memberIdx % BRANCHES].id,
        actor: 'system',
        idemKey: `task:${taskId}:${submission.memberId}`,
      },
      at,
    );
  });
}

/** The reads a ranking post, a branch roster, a task summary and message routing make. */
async function measureReads(store: Store, branches: Branch[], members: number[], tasks: number[][]): Promise<string[]> {
  const totals = await median(() => store.ledger.totals(members));
  const branch = await median(async () =>
    store.ledger.totals((await store.members.listByBranch(branches[0].id)).map((m) => m.id)),
  );
  const branchIds = (await store.members.listByBranch(branches[0].id)).map((m) => m.id);
  const board = await median(() => store.ledger.totals(branchIds, { branchId: branches[0].id }));
  // The last month of the seeded submissions (one a minute from T0).
  const monthFrom = new Date(T0.getTime() + (SUBMISSIONS - 30 * 24 * 60) * 60_000);
  const month = await median(() => store.ledger.totals(branchIds, { branchId: branches[0].id, from: monthFrom }));
  const byTask = await timed(() => store.submissions.listByTask(tasks[0][0]));
  const lookup = await timed(async () => {
    for (let i = 0; i < 1000; i++) await store.identities.find('wecom', `user${(i * 37) % MEMBERS}`);
  });
  return [
    `ranking totals for all ${MEMBERS} members: ${totals.ms.toFixed(0)} ms (median of 5)`,
    `one branch's members + totals (${branch.value.size} members): ${branch.ms.toFixed(1)} ms (median of 5)`,
    `one branch's board, its own points (${branchIds.length} members): all time ${board.ms.toFixed(1)} ms, last month ${month.ms.toFixed(1)} ms (medians of 5)`,
    `one task's submissions (${byTask.value.length}): ${byTask.ms.toFixed(1)} ms`,
    `identity lookups: ${rate(1000, lookup.ms)}`,
  ];
}

/**
 * What one SQLite instance holds: a province-sized member registry and a year's proof, written through the store
 * port one call at a time (as the bot writes them), then the reads a ranking post and a task summary make. The
 * store alone: no handler, no outbox, no platform (those are in `handled-throughput`).
 * Sizes: BENCH_MEMBERS (20000) and BENCH_SUBMISSIONS (100000); BENCH_SEED_BATCH (1) store calls per seeding transaction.
 */
export const sqliteScale: BenchCase = {
  name: 'sqlite-scale',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-scale-'));
    const store = sqliteStore(dir);
    const seeded = await timed(() => seedMembers(store));
    const { branches, members } = seeded.value;
    const tasks = await seedTasks(store, branches);
    const before = dbBytes(store, dir);
    const subs = await timed(() => seedSubmissions(store, branches, members, tasks));
    const grown = dbBytes(store, dir) - before;
    const lines = [
      `members: ${MEMBERS} created with identities in ${(seeded.ms / 1000).toFixed(1)} s (${rate(MEMBERS, seeded.ms)})`,
      `submissions: ${SUBMISSIONS} (each with a photo and a ledger entry) in ${(subs.ms / 1000).toFixed(1)} s (${rate(SUBMISSIONS, subs.ms)}${SEED_BATCH > 1 ? `, ${SEED_BATCH} calls per transaction` : ''})`,
      `database size: ${mib(dbBytes(store, dir))} total; ${mib((grown / SUBMISSIONS) * 100_000)} per 100k submissions (+ ledger); media files not included`,
      ...(await measureReads(store, branches, members, tasks)),
    ];
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
    return lines;
  },
};
