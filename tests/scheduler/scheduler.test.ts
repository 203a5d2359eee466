import { getTasks } from 'node-cron';
import type { Job } from '../../src/scheduler/job';
import { fixedClock } from '../../src/time/clock';
import { jobOptionsFrom } from '../../src/scheduler/job-options';
import { Scheduler } from '../../src/scheduler/scheduler';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { workerProcess } from '../helpers/worker-process';
import { BANK_ENTRY, cst, fire, jobRows, seedJobBranch } from '../jobs/jobs-fixture';

afterAll(cleanupTempDirs);

describe('exactly once with two bot processes on one DATA_DIR', () => {
  let a: TestRuntime;
  beforeAll(async () => {
    a = await testRuntime();
    await seedJobBranch(a);
    await a.say('u_sec', 'g_home', BANK_ENTRY);
  });
  afterAll(async () => {
    await a.stop();
  });
  /** This process and a second scheduler process (tick-worker.ts) run their ops at the same moment. */
  async function bothAt(ops: string[], here: () => Promise<unknown>): Promise<[unknown, unknown]> {
    // Both instances read one clock, as two real instances share the wall clock (a lease expires by it).
    const other = workerProcess<unknown>('tick-worker.ts', [a.config.DATA_DIR, a.clock.now().toISOString(), ...ops]);
    await other.ready;
    other.go();
    return Promise.all([here(), other.done]);
  }

  test('both schedulers tick at 09:00; one runs the fire, the other does not, every post goes out once', async () => {
    const push = a.scheduler.job('weekly-push')!;
    const [mine, theirs] = await bothAt([`tick:weekly-push@${cst('2026-12-07T09:00:01').toISOString()}`], () =>
      a.scheduler.onTick(push, cst('2026-12-07T09:00:00')),
    );
    const outcomes = [(mine as { status: string } | undefined)?.status, (theirs as string[])[0]];
    expect(outcomes.filter((o) => o === 'ran')).toHaveLength(1);
    expect(outcomes).toEqual(expect.arrayContaining([expect.stringMatching(/^(busy|done-before)$/)]));
    // The loser's next look (a tick or the sweep) finds the fire done.
    expect((await a.scheduler.runner.fire(push, cst('2026-12-07T09:00:00'), 'cron')).status).toBe('done-before');
    expect(
      jobRows(a.services.store, 'weekly-push')
        .map((r) => r.chatId)
        .sort(),
    ).toEqual(['g_home', 'g_home2']);
    expect(
      await a.services.store.tasks.listByBranches([(await a.services.store.branches.findByName('青山村党支部'))!.id]),
    ).toHaveLength(1);
  });

  test('every job: fires from both processes at once still send each message exactly once', async () => {
    await a.say('u_sec', 'g_home', '发布任务 学习党章\n截止：2026-12-20 18:00\n证明：文字\n字数：10');
    const [zhang] = await a.services.store.members.findByName('张三');
    await a.services.store.members.update(zhang.id, { departureMonth: '2026-01' }, a.clock.now()); // gives the digest something to say
    const fires: Array<[string, string]> = [
      ['deadline-reminders', '2026-12-19T18:00:00'],
      ['ranking-posts', '2026-12-20T20:00:00'],
      ['membership-digest', '2026-12-21T08:30:00'],
    ];
    for (const [name, at] of fires) {
      const job = a.scheduler.job(name)!;
      const iso = cst(at).toISOString();
      await bothAt([`tick:${name}@${iso}`, `sweep@${iso}`], () =>
        Promise.all([a.scheduler.onTick(job, cst(at)), a.scheduler.sweep(cst(at), 0)]),
      );
    }
    // Each job's messages: exactly one per chat (a duplicate would be a second row with another key).
    for (const [name] of fires) {
      const perChat = new Map<string, number>();
      for (const r of jobRows(a.services.store, name)) perChat.set(r.chatId, (perChat.get(r.chatId) ?? 0) + 1);
      expect(perChat.size).toBeGreaterThan(0);
      expect([...perChat.values()].every((n) => n === 1)).toBe(true);
    }
    expect(
      jobRows(a.services.store, 'deadline-reminders')
        .map((r) => r.chatId)
        .sort(),
    ).toEqual(['g_home', 'g_home2', 'u_a', 'u_b', 'u_c', 'u_sec']);
  });
});

describe('catch-up after downtime', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
    await seedJobBranch(rt);
    await rt.say('u_sec', 'g_home', BANK_ENTRY);
  });
  afterEach(async () => {
    await rt.stop();
  });

  test('start-up at 09:07 runs the missed 09:00 and 09:05 fires: the push goes out once', async () => {
    rt.clock.set(cst('2026-12-07T09:07:00'));
    const outcomes = (await rt.scheduler.sweep(rt.clock.now(), 0)).filter((o) => o.job === 'weekly-push');
    // Every fire in the 15-minute catch-up window, oldest first; the 09:00 one finds the push due.
    expect(outcomes.map((o) => [o.fireAt.toISOString(), o.status, o.run?.trigger, o.result?.summary])).toEqual([
      [cst('2026-12-07T08:55:00').toISOString(), 'ran', 'catch-up', '没有到期的推送'],
      [cst('2026-12-07T09:00:00').toISOString(), 'ran', 'catch-up', '推送 1 个支部；共 2 条消息'],
      [cst('2026-12-07T09:05:00').toISOString(), 'ran', 'catch-up', '没有到期的推送'],
    ]);
    expect(jobRows(rt.services.store, 'weekly-push')).toHaveLength(2);
    expect(await rt.scheduler.sweep(rt.clock.now(), 0)).toEqual([]); // nothing left to do
  });

  test("Sunday's ranking is caught up Monday morning, but not once its 16 h window has passed", async () => {
    const ranking = (now: string) =>
      rt.scheduler.sweep(cst(now), 0).then((os) => os.filter((o) => o.job === 'ranking-posts'));
    expect(await ranking('2026-12-07T13:00:00')).toEqual([]);
    const morning = await ranking('2026-12-07T08:00:00');
    expect(morning).toMatchObject([
      { status: 'ran', fireAt: cst('2026-12-06T20:00:00'), result: { summary: expect.stringContaining('周榜') } },
    ]);
  });

  test('runtime.start() sweeps before listening, wires every job to node-cron, and stop() removes them', async () => {
    rt.clock.set(cst('2026-12-07T09:02:00'));
    await rt.start(0);
    const names = [...getTasks().values()].map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['weekly-push', 'deadline-reminders', 'ranking-posts', 'membership-digest']),
    );
    expect(jobRows(rt.services.store, 'weekly-push')).toHaveLength(2);
    expect((await rt.services.store.jobs.runs.latest('weekly-push'))?.trigger).toBe('catch-up');
    await rt.scheduler.stop();
    expect([...getTasks().values()].filter((t) => t.name === 'weekly-push' && t.getStatus() !== 'destroyed')).toEqual(
      [],
    );
  });

  test('a tick that runs a little late still counts as the scheduled minute', async () => {
    const out = await rt.scheduler.onTick(rt.scheduler.job('weekly-push')!, cst('2026-12-07T09:00:12'));
    expect(out?.fireAt).toEqual(cst('2026-12-07T09:00:00'));
    expect((await fire(rt, 'weekly-push', '2026-12-07T09:00:00', 'cron')).status).toBe('done-before');
  });
});

describe('crashes and failures', () => {
  const clock = fixedClock(cst('2026-12-07T09:01:00'));
  let calls = 0;
  const flaky: Job = {
    name: 'flaky',
    schedule: '0 9 * * *',
    catchUpMs: 3_600_000,
    async run() {
      calls++;
      throw new Error('boom');
    },
  };
  let rt: TestRuntime;
  let scheduler: Scheduler;
  beforeAll(async () => {
    rt = await testRuntime();
    scheduler = new Scheduler([flaky], { ...rt.services, clock }, { owner: 'me', options: jobOptionsFrom() });
  });
  afterAll(async () => {
    await rt.stop();
  });

  test('a fire left running by a crashed process is taken over once its lease expires', async () => {
    const { store } = rt.services;
    const push = rt.scheduler.job('weekly-push')!;
    await store.jobs.runs.start(
      { job: 'weekly-push', fireAt: cst('2026-12-07T09:00:00'), owner: 'dead', trigger: 'cron' },
      cst('2026-12-07T09:00:00'),
    );
    await store.leases.acquire('job:weekly-push', 'dead', cst('2026-12-07T09:00:00'), 10 * 60_000);
    rt.clock.set(cst('2026-12-07T09:05:00'));
    expect((await rt.scheduler.runner.fire(push, cst('2026-12-07T09:00:00'), 'catch-up')).status).toBe('busy');
    rt.clock.set(cst('2026-12-07T09:11:00'));
    const resumed = await rt.scheduler.runner.fire(push, cst('2026-12-07T09:00:00'), 'catch-up');
    expect(resumed).toMatchObject({ status: 'ran', run: { attempts: 2, owner: expect.not.stringMatching('dead') } });
  });

  test('a failing fire is retried by the sweep up to 3 attempts, then left for an operator', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(...(await scheduler.sweep(clock.now(), 0)).map((o) => o.status));
    expect(statuses).toEqual(['failed', 'failed', 'failed']);
    expect(calls).toBe(3);
    expect(await rt.services.store.jobs.runs.get('flaky', cst('2026-12-07T09:00:00'))).toMatchObject({
      status: 'failed',
      attempts: 3,
      error: 'boom',
    });
    expect((await scheduler.runner.fire(flaky, cst('2026-12-07T09:00:00'), 'manual')).status).toBe('failed'); // an operator may still retry
    expect(calls).toBe(4);
  });

  test('JOBS_ENABLED=false schedules nothing on this instance', async () => {
    const off = await testRuntime({ JOBS_ENABLED: 'false' });
    const before = getTasks().size;
    await off.scheduler.start();
    expect(getTasks().size).toBe(before);
    await off.stop();
  });
});

test('old no-op runs are pruned, runs that sent something are kept', async () => {
  const rt = await testRuntime();
  const { runs } = rt.services.store.jobs;
  for (const [at, sent] of [
    ['2026-10-01T09:00:00', 0],
    ['2026-10-01T09:05:00', 2],
    ['2026-11-30T09:00:00', 0],
  ] as const) {
    await runs.start({ job: 'weekly-push', fireAt: cst(at), owner: 'x', trigger: 'cron' }, cst(at));
    await runs.finish('weekly-push', cst(at), { status: 'done', sent, summary: 's' }, cst(at));
  }
  await rt.scheduler.sweep(cst('2026-12-01T10:00:00'), 0);
  expect(await runs.get('weekly-push', cst('2026-10-01T09:00:00'))).toBeUndefined();
  expect(await runs.get('weekly-push', cst('2026-10-01T09:05:00'))).toBeDefined();
  expect(await runs.get('weekly-push', cst('2026-11-30T09:00:00'))).toBeDefined();
  await rt.stop();
});

test('the daily sweep prunes outbox items sent more than 30 days ago; unsent ones stay', async () => {
  const rt = await testRuntime();
  const { outbox } = rt.services.store;
  const target = { platform: 'sim' as const, chatId: 'g1', chatType: 'group' as const };
  const old = await outbox.enqueue({ target, text: '旧消息' }, cst('2026-10-01T09:00:00'));
  const recent = await outbox.enqueue({ target, text: '新消息' }, cst('2026-11-20T09:00:00'));
  const failed = await outbox.enqueue({ target, text: '发送失败' }, cst('2026-10-01T09:00:00'));
  await outbox.markSent(old.id, cst('2026-10-01T09:00:01'));
  await outbox.markSent(recent.id, cst('2026-11-20T09:00:01'));
  await outbox.markFailed(failed.id, 'gave up', cst('2026-10-01T09:00:01'));
  await rt.scheduler.sweep(cst('2026-12-01T10:00:00'), 0);
  expect(await outbox.get(old.id)).toBeUndefined();
  expect((await outbox.get(recent.id))?.status).toBe('sent');
  expect((await outbox.get(failed.id))?.status).toBe('failed');
  await rt.stop();
});
