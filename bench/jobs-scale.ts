import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config/load-config';
import { fixedClock } from '../src/time/clock';
import { createLogger } from '../src/observability/logger';
import { createRuntime, type Runtime } from '../src/runtime/create-runtime';
import type { BenchCase } from './bench-case';

const BRANCHES = 40;
const PER_BRANCH = 50;
const at = (local: string) => new Date(`${local}+08:00`);

/** The county of the seed: 40 branches × 50 members = 2,000 members, two group chats per branch, a bank item and an open task each. */
async function seed(rt: Runtime): Promise<void> {
  const { store } = rt.services;
  const t0 = at('2026-11-01T08:00:00');
  let user = 0;
  for (let b = 0; b < BRANCHES; b++) {
    const branch = await store.branches.create({ name: `支部${b}`, kind: b % 2 ? 'host' : 'home' }, t0);
    for (const suffix of ['a', 'b']) {
      await store.chats.upsertSeen({ platform: 'sim', chatId: `g${b}${suffix}`, chatType: 'group' }, t0);
      await store.chats.bindBranch('sim', `g${b}${suffix}`, branch.id);
    }
    const task = await store.tasks.create(
      {
        branchId: branch.id,
        title: '学习',
        content: '读原文',
        deadline: at('2026-12-07T18:00:00').toISOString(),
        points: 5,
        proofKinds: ['text'],
        minChars: 5,
        lateRule: 'half',
        createdBy: 'bench',
      },
      at('2026-11-30T09:00:00'),
    );
    await store.jobs.bank.add(
      {
        branchId: branch.id,
        title: '题库任务',
        content: '',
        points: 5,
        proofKinds: ['image', 'text'],
        minChars: 20,
        lateRule: 'half',
        durationDays: 7,
        createdBy: 'bench',
      },
      t0,
    );
    for (let i = 0; i < PER_BRANCH; i++, user++) {
      const m = await store.members.create(
        {
          name: `党员${user}`,
          homeBranchId: branch.id,
          departureMonth: i % 3 ? '2026-01' : undefined,
          lastSeenAt: i % 7 ? at('2026-12-01T10:00:00').toISOString() : undefined,
        },
        t0,
      );
      await store.identities.bind({ platform: 'sim', userId: `u${user}`, memberId: m.id });
      if (i === 0)
        await store.roles.grant({ role: 'secretary', memberId: m.id, branchId: branch.id, grantedBy: 'bench' }, t0);
      await store.ledger.append(
        {
          memberId: m.id,
          delta: (user * 7) % 13,
          reason: '任务',
          kind: 'task',
          actor: 'bench',
          idemKey: `bench${user}`,
        },
        at('2026-12-02T10:00:00'),
      );
      if (i % 2)
        await store.submissions.upsert(
          {
            taskId: task.id,
            memberId: m.id,
            note: '心得',
            links: [],
            media: [],
            late: false,
            status: 'accepted',
            sourceKey: `b${user}`,
          },
          at('2026-12-02T10:00:00'),
        );
    }
  }
}

/** Wall time of one real fire of each job over 2,000 members (outbox writes included, sending excluded). */
export const jobsScale: BenchCase = {
  name: 'jobs-scale',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-bench-jobs-'));
    const clock = fixedClock(at('2026-12-01T10:00:00'));
    const rt = await createRuntime(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }), {
      clock,
      log: createLogger('silent'),
    });
    await seed(rt);
    const lines = [`seeded ${BRANCHES} branches, ${BRANCHES * PER_BRANCH} members, ${BRANCHES * 2} group chats`];
    const fires: Array<[string, string]> = [
      ['weekly-push', '2026-12-07T09:00:00'],
      ['weekly-push', '2026-12-07T09:05:00'],
      ['deadline-reminders', '2026-12-06T18:00:00'],
      ['ranking-posts', '2026-12-06T20:00:00'],
      ['membership-digest', '2026-12-07T08:30:00'],
    ];
    for (const [name, local] of fires) {
      const started = performance.now();
      const out = await rt.scheduler.runner.fire(rt.scheduler.job(name)!, at(local), 'manual');
      const ms = performance.now() - started;
      lines.push(
        `${name} @ ${local}: ${ms.toFixed(0)} ms, ${out.result?.sent ?? 0} messages enqueued (${out.status}: ${out.result?.summary ?? out.error})`,
      );
    }
    lines.push(`outbox depth after all fires: ${await rt.services.store.outbox.depth()}`);
    await rt.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    return lines;
  },
};
