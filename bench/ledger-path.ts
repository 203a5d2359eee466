import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchCase } from './bench-case';
import { pointsSummary } from '../src/points/points';
import { sqliteStore } from '../src/store/sqlite/sqlite-store';
import { submitProof } from '../src/tasks/proof';
import type { Task } from '../src/model';

const MEMBERS = 500;
const TASKS = 3;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const T0 = new Date('2026-12-01T02:00:00.000Z');
const NOW = new Date('2026-12-02T02:00:00.000Z');

async function seed(store: ReturnType<typeof sqliteStore>): Promise<Task[]> {
  const branch = await store.branches.create({ name: '一支部', kind: 'home' }, T0);
  const tasks: Task[] = [];
  for (let t = 0; t < TASKS; t++) {
    const fields = { branchId: branch.id, title: `学习${t}`, content: '读原文', deadline: '2026-12-07T10:00:00.000Z' };
    const rules = { points: 5, proofKinds: ['text' as const], minChars: 10, lateRule: 'half' as const };
    tasks.push(await store.tasks.create({ ...fields, ...rules, createdBy: 'sim:sec' }, T0));
  }
  for (let i = 0; i < MEMBERS; i++) {
    const m = await store.members.create({ name: `党员${i}`, homeBranchId: branch.id }, T0);
    await store.identities.bind({ platform: 'sim', userId: `u${i}`, memberId: m.id });
  }
  return tasks;
}

/**
 * The store's share of handling, without HTTP, the bot or delivery: per message the sender's member, then a 积分
 * summary or a first written proof (recorded, settled, its checks queued), `BENCH_CONCURRENCY` side by side.
 */
export const ledgerPath: BenchCase = {
  name: 'ledger-path',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-ledger-path-'));
    const store = sqliteStore(dir);
    try {
      const tasks = await seed(store);
      const one = async (k: number) => {
        const member = (await store.members.findByIdentity('sim', `u${k % MEMBERS}`))!;
        await pointsSummary(store, member, NOW, 'Asia/Shanghai');
        const parts = { note: '学习心得：认真学习了党章第一章。', links: [], media: [] };
        await store.members.findByIdentity('sim', `u${k % MEMBERS}`);
        await submitProof(store, tasks[Math.floor(k / MEMBERS)], member, parts, `sim:${k}`, NOW);
      };
      const total = MEMBERS * TASKS;
      const before = process.cpuUsage();
      for (let k = 0; k < total; k += CONCURRENCY)
        await Promise.all(Array.from({ length: Math.min(CONCURRENCY, total - k) }, (_, j) => one(k + j)));
      const cpu = process.cpuUsage(before);
      const perMessage = Math.round((cpu.user + cpu.system) / (2 * total));
      return [
        `${total} 积分 + ${total} written proofs, ${CONCURRENCY} side by side: ${perMessage} µs CPU per message on the store path; load average ${os.loadavg()[0].toFixed(1)}`,
      ];
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
