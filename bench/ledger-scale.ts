import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqlite } from '../src/store/sqlite/open-sqlite';
import { sqliteLedger } from '../src/store/sqlite/sqlite-ledger';
import { sqliteMembers } from '../src/store/sqlite/sqlite-people';
import type { BenchCase } from './bench-case';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 1_000_000);
const BRANCHES = 40;
const T0 = '2026-01-05T02:00:00';

/**
 * Members in 40 branches (home and host) and one ledger entry a minute, booked for the member's home branch, written
 * by SQL in three statements: a province takes seconds here where `sqlite-scale` writes it one store call at a time.
 * Inserts go through the ledger's trigger, so the running balances are built as the bot builds them.
 */
function seed(db: ReturnType<typeof openSqlite>): void {
  db.exec(`WITH RECURSIVE b(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM b WHERE i < ${BRANCHES})
    INSERT INTO branches (name, kind, created_at) SELECT '第' || i || '支部', 'home', '${T0}.000Z' FROM b;
  WITH RECURSIVE m(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM m WHERE i < ${MEMBERS - 1})
    INSERT INTO members (name, home_branch_id, host_branch_id, certificate_status, status, created_at, updated_at)
    SELECT '党员' || i, (i % ${BRANCHES}) + 1, ((i + 1) % ${BRANCHES}) + 1, 'none', 'active', '${T0}.000Z', '${T0}.000Z' FROM m;
  WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${ENTRIES - 1})
    INSERT INTO ledger (member_id, delta, reason, kind, task_id, branch_id, actor, idem_key, created_at)
    SELECT (i % ${MEMBERS}) + 1, 10, '完成任务 #' || (i / ${MEMBERS}), 'task', i / ${MEMBERS}, (i % ${MEMBERS} % ${BRANCHES}) + 1, 'system',
      'task:' || (i / ${MEMBERS}) || ':' || (i % ${MEMBERS}), strftime('%Y-%m-%dT%H:%M:%fZ', '${T0}', '+' || i || ' minutes') FROM n;`);
}

/** Median wall time and median CPU time of five runs: on a shared machine the CPU time says more. */
async function median(fn: () => Promise<unknown>): Promise<string> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 5; i++) {
    const c = process.cpuUsage();
    const s = process.hrtime.bigint();
    await fn();
    wall.push(Number(process.hrtime.bigint() - s) / 1e6);
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1000);
  }
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[2].toFixed(1);
  return `${mid(wall)} ms (CPU ${mid(cpu)} ms)`;
}

/**
 * The reads behind province-wide rankings (BENCH_MEMBERS 100000, BENCH_ENTRIES 1000000): everyone's balance, one
 * branch's members, a branch board counting its own points over all time and over the last 30 days, and the two
 * boards with the member records they are read with (targets: one branch < 20 ms, everyone < 100 ms).
 */
export const ledgerScale: BenchCase = {
  name: 'ledger-scale',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-ledger-scale-'));
    const db = openSqlite(path.join(dir, 'zhibu.db'));
    const start = Date.now();
    seed(db);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const seeded = (Date.now() - start) / 1000;
    const size = fs.statSync(path.join(dir, 'zhibu.db')).size / 1048576;
    const ledger = sqliteLedger(db);
    const members = sqliteMembers(db);
    const everyone = db.prepare('SELECT id FROM members ORDER BY id').pluck().all() as number[];
    const branch = db
      .prepare('SELECT id FROM members WHERE 1 IN (home_branch_id, host_branch_id) ORDER BY id')
      .pluck()
      .all() as number[];
    const month = new Date(Date.parse(`${T0}Z`) + (ENTRIES - 30 * 24 * 60) * 60_000);
    const lines = [
      `seeded ${MEMBERS} members and ${ENTRIES} ledger entries by SQL in ${seeded.toFixed(1)} s; database ${size.toFixed(1)} MiB`,
      `everyone's balance (${everyone.length} members): ${await median(() => ledger.totals(everyone))}`,
      `one branch's members, their balance (${branch.length} members): ${await median(() => ledger.totals(branch))}`,
      `one branch's board, its own points, all time: ${await median(() => ledger.totals(branch, { branchId: 1 }))}`,
      `one branch's board, its own points, last 30 days: ${await median(() => ledger.totals(branch, { branchId: 1, from: month }))}`,
      `one branch's board, its 奉献 points only, all time: ${await median(() => ledger.totals(branch, { branchId: 1, category: 'service' }))}`,
      `everyone's 学习 balance (${everyone.length} members): ${await median(() => ledger.totals(everyone, { category: 'study' }))}`,
      `one branch's board as 排名 reads it, its active members and their own points: ${await median(async () =>
        ledger.totals(
          (await members.listByBranch(1, { status: 'active' })).map((m) => m.id),
          { branchId: 1 },
        ),
      )}`,
      `everyone's board as the dashboard reads it, all members and their balance: ${await median(async () => ledger.totals((await members.list()).map((m) => m.id)))}`,
      `load average ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} on ${os.cpus().length} cores`,
    ];
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
    return lines;
  },
};
