import { cleanupTempDirs } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { BANK_ENTRY, cst, fire, homeBranchId, jobRows, seedJobBranch } from './jobs-fixture';

afterAll(cleanupTempDirs);

async function bankedRuntime(): Promise<TestRuntime> {
  const rt = await testRuntime();
  await seedJobBranch(rt);
  await rt.say('u_sec', 'g_home', BANK_ENTRY);
  await rt.say('u_sec', 'g_home', '入库 学习二十届四中全会公报\n内容：通读公报\n分值：5\n期限：3天');
  return rt;
}

describe('weekly-push', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await bankedRuntime();
  });
  afterAll(async () => {
    await rt.stop();
  });

  test('nothing before the planned time', async () => {
    const out = await fire(rt, 'weekly-push', '2026-12-07T08:55:00');
    expect(out).toMatchObject({ status: 'ran', result: { summary: '没有到期的推送', sent: 0 } });
    expect(jobRows(rt.services.store, 'weekly-push')).toEqual([]);
  });

  test('at Monday 09:00 the next bank task becomes a real task, posted to every group chat of the branch', async () => {
    const out = await fire(rt, 'weekly-push', '2026-12-07T09:00:00');
    expect(out.status).toBe('ran');
    expect(out.result?.summary).toBe('推送 1 个支部；共 2 条消息');
    const [task] = await rt.services.store.tasks.listByBranches([await homeBranchId(rt)]);
    expect(task).toMatchObject({
      title: '学习党章第二章',
      points: 10,
      deadline: cst('2026-12-14T09:00:00').toISOString(),
      createdBy: expect.stringMatching(/^job:weekly-push:/),
    });
    const rows = jobRows(rt.services.store, 'weekly-push');
    expect(rows.map((r) => r.chatId).sort()).toEqual(['g_home', 'g_home2']);
    for (const row of rows) {
      expect(row.text).toContain(`📌 新任务 #${task.id}《学习党章第二章》`);
      expect(row.text).toContain(`提交方法：在群里 @我 并附图片或文字，注明 #${task.id}`);
      expect(row.text).toContain('截止：2026-12-14 09:00');
    }
    expect(
      (await rt.services.store.jobs.bank.list(await homeBranchId(rt), { pending: true })).map((i) => i.title),
    ).toEqual(['学习二十届四中全会公报']);
  });

  test('the posts reach the chat transcripts once the outbox drains', async () => {
    await rt.outbox.drainOnce();
    expect((await rt.transcript('g_home2')).filter((m) => m.from === 'bot' && m.text.includes('新任务'))).toHaveLength(
      1,
    );
    expect((await rt.transcript('g_host')).some((m) => m.text.includes('学习党章第二章'))).toBe(false);
  });

  test('run twice it posts once: the same fire is refused, later fires that day find the slot done', async () => {
    expect((await fire(rt, 'weekly-push', '2026-12-07T09:00:00')).status).toBe('done-before');
    expect((await fire(rt, 'weekly-push', '2026-12-07T09:05:00')).result?.summary).toBe('没有到期的推送');
    expect((await fire(rt, 'weekly-push', '2026-12-07T21:00:00')).result?.sent).toBe(0);
    expect(jobRows(rt.services.store, 'weekly-push')).toHaveLength(2);
    expect(await rt.services.store.tasks.listByBranches([await homeBranchId(rt)])).toHaveLength(1);
  });

  test('the next week publishes the next bank item with its own 期限', async () => {
    await fire(rt, 'weekly-push', '2026-12-14T09:00:00');
    const tasks = await rt.services.store.tasks.listByBranches([await homeBranchId(rt)]);
    expect(tasks.map((t) => t.title)).toEqual(['学习二十届四中全会公报', '学习党章第二章']);
    expect(tasks[0].deadline).toBe(cst('2026-12-17T09:00:00').toISOString());
  });

  test('an empty bank tells the secretary once, 1:1, and posts nothing in the groups', async () => {
    const out = await fire(rt, 'weekly-push', '2026-12-21T09:00:00');
    expect(out.result?.summary).toContain('1 个支部题库已空');
    await fire(rt, 'weekly-push', '2026-12-21T09:05:00');
    const notices = jobRows(rt.services.store, 'weekly-push').filter((r) => r.chatType === 'single');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ chatId: 'u_sec' });
    expect(notices[0].text).toContain('题库里的任务已全部推送');
    expect(jobRows(rt.services.store, 'weekly-push').filter((r) => r.chatType === 'group')).toHaveLength(4);
  });

  test('a missed push is still sent within 24 hours, not after', async () => {
    await rt.say('u_sec', 'g_home', '入库 学习新党章');
    expect((await fire(rt, 'weekly-push', '2026-12-29T09:30:00')).result?.summary).toBe('没有到期的推送'); // Monday 28th +24h passed
    expect((await fire(rt, 'weekly-push', '2027-01-04T20:00:00')).result?.summary).toContain('推送 1 个支部');
  });
});

describe('weekly-push and the holiday calendar', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await bankedRuntime();
  });
  afterAll(async () => {
    await rt.stop();
  });

  test('no push on a public holiday: Monday 2026-10-05 (国庆节) moves to Thursday 10-08', async () => {
    expect((await fire(rt, 'weekly-push', '2026-10-05T09:00:00')).result?.summary).toBe('没有到期的推送');
    expect((await fire(rt, 'weekly-push', '2026-10-07T09:00:00')).result?.summary).toBe('没有到期的推送');
    expect((await fire(rt, 'weekly-push', '2026-10-08T09:00:00')).result?.summary).toContain('推送 1 个支部');
  });

  test('a push on a 调休 working day: Thursday 2026-01-01 (元旦) moves to Sunday 01-04, a 调休 workday', async () => {
    await rt.say('u_sec', 'g_home', '计划 每周四 09:00');
    expect((await fire(rt, 'weekly-push', '2026-01-01T09:00:00')).result?.summary).toBe('没有到期的推送');
    expect((await fire(rt, 'weekly-push', '2026-01-03T09:00:00')).result?.summary).toBe('没有到期的推送');
    expect((await fire(rt, 'weekly-push', '2026-01-04T09:00:00')).result?.summary).toContain('推送 1 个支部');
    const tasks = await rt.services.store.tasks.listByBranches([await homeBranchId(rt)]);
    expect(tasks.map((t) => t.createdBy)).toContain(`job:weekly-push:b${await homeBranchId(rt)}:2026-01-04`);
  });
});

describe('weekly-push dry run and crash resume', () => {
  test('a dry run previews the posts and changes nothing', async () => {
    const rt = await bankedRuntime();
    const result = await rt.scheduler.runner.dryRun(rt.scheduler.job('weekly-push')!, cst('2026-12-07T09:00:00'));
    expect(result.sent).toBe(2);
    expect(result.preview?.map((p) => p.chatId).sort()).toEqual(['g_home', 'g_home2']);
    expect(result.preview?.[0].text).toContain('📌 新任务 #N《学习党章第二章》');
    expect(jobRows(rt.services.store, 'weekly-push')).toEqual([]);
    expect(await rt.services.store.tasks.listByBranches([await homeBranchId(rt)])).toEqual([]);
    expect(await rt.services.store.jobs.bank.list(await homeBranchId(rt), { pending: true })).toHaveLength(2);
    expect(await rt.services.store.jobs.runs.latest('weekly-push')).toBeUndefined();
    await rt.stop();
  });

  test('a crash after the first post resumes without a second task or a second post', async () => {
    const rt = await bankedRuntime();
    const outbox = rt.services.outbox;
    const realEnqueue = outbox.enqueue.bind(outbox);
    let calls = 0;
    outbox.enqueue = async (m) => {
      if (++calls === 2) throw new Error('process killed');
      return realEnqueue(m);
    };
    rt.clock.set(cst('2026-12-07T09:03:00'));
    const crashed = await rt.scheduler.onTick(rt.scheduler.job('weekly-push')!, cst('2026-12-07T09:00:02'));
    expect(crashed).toMatchObject({ status: 'failed', error: 'process killed', fireAt: cst('2026-12-07T09:00:00') });
    expect(jobRows(rt.services.store, 'weekly-push')).toHaveLength(1);
    outbox.enqueue = realEnqueue;
    const resumed = await rt.scheduler.sweep(cst('2026-12-07T09:03:00'));
    // The sweep also runs every other fire missed in the catch-up windows; the failed 09:00 push is retried.
    const retried = resumed.find(
      (o) => o.job === 'weekly-push' && o.fireAt.getTime() === cst('2026-12-07T09:00:00').getTime(),
    );
    expect(retried).toMatchObject({ status: 'ran', run: { attempts: 2, trigger: 'catch-up' } });
    const rows = jobRows(rt.services.store, 'weekly-push');
    expect(rows.map((r) => r.chatId).sort()).toEqual(['g_home', 'g_home2']);
    expect(await rt.services.store.tasks.listByBranches([await homeBranchId(rt)])).toHaveLength(1);
    expect(new Set(rows.map((r) => r.text)).size).toBe(1);
    await rt.stop();
  });
});
