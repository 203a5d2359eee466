import type { BankItemFields } from '../../src/store/jobs-repo';
import type { Store } from '../../src/store/store';
import { T0, at, type StoreFactory } from './contract-types';

/** Scheduled jobs: task bank, push plans, job fires (exactly-once claims), done-marks. */
export function jobsContract(makeStore: StoreFactory): void {
  let store: Store;
  let branchId: number;
  const item = (title: string): BankItemFields => ({
    branchId,
    title,
    content: '读原文',
    points: 10,
    proofKinds: ['image', 'text'],
    minChars: 20,
    lateRule: 'half',
    durationDays: 7,
    createdBy: 'sim:sec',
  });
  beforeEach(async () => {
    store = await makeStore();
    branchId = (await store.branches.create({ name: 'B', kind: 'home' }, T0)).id;
  });
  afterEach(async () => {
    await store.close();
  });

  test('bank: items keep push order; reserve is idempotent per slot and takes the next free item', async () => {
    const a = await store.jobs.bank.add(item('甲'), T0);
    const b = await store.jobs.bank.add(item('乙'), at(1));
    expect(a).toMatchObject({
      branchId,
      title: '甲',
      proofKinds: ['image', 'text'],
      lateRule: 'half',
      durationDays: 7,
      createdAt: T0.toISOString(),
    });
    expect(a.slotKey).toBeUndefined();
    expect((await store.jobs.bank.reserve(branchId, '2026-12-07', at(2)))?.id).toBe(a.id);
    expect((await store.jobs.bank.reserve(branchId, '2026-12-07', at(3)))?.id).toBe(a.id);
    const reserved = await store.jobs.bank.get(a.id);
    expect(reserved).toMatchObject({ slotKey: '2026-12-07', reservedAt: at(2).toISOString() });
    expect((await store.jobs.bank.reserve(branchId, '2026-12-14', at(4)))?.id).toBe(b.id);
    expect(await store.jobs.bank.reserve(branchId, '2026-12-21', at(5))).toBeUndefined();
    expect((await store.jobs.bank.list(branchId)).map((i) => i.title)).toEqual(['甲', '乙']);
  });

  test('bank: attachTask marks an item published; pending lists only unpublished items', async () => {
    const a = await store.jobs.bank.add(item('甲'), T0);
    await store.jobs.bank.add(item('乙'), T0);
    // Empty content on purpose: 入库 without 内容 publishes a task whose content is ''.
    const task = await store.tasks.create(
      {
        branchId,
        title: '甲',
        content: '',
        deadline: at(60).toISOString(),
        points: 10,
        proofKinds: ['text'],
        minChars: 5,
        lateRule: 'half',
        createdBy: 'job',
      },
      T0,
    );
    await store.jobs.bank.reserve(branchId, 's1', T0);
    expect((await store.jobs.bank.list(branchId, { pending: true })).map((i) => i.title)).toEqual(['甲', '乙']);
    await store.jobs.bank.attachTask(a.id, task.id);
    expect((await store.jobs.bank.get(a.id))?.taskId).toBe(task.id);
    expect((await store.jobs.bank.list(branchId, { pending: true })).map((i) => i.title)).toEqual(['乙']);
    const other = (await store.branches.create({ name: 'C', kind: 'host' }, T0)).id;
    expect(await store.jobs.bank.list(other)).toEqual([]);
    expect(await store.jobs.bank.reserve(other, 's1', T0)).toBeUndefined();
  });

  test('bank: remove takes out an item never published, and nothing else', async () => {
    const a = await store.jobs.bank.add(item('甲'), T0);
    const b = await store.jobs.bank.add(item('乙'), at(1));
    const c = await store.jobs.bank.add(item('丙'), at(2));
    await store.jobs.bank.reserve(branchId, '2026-12-07', at(3));
    expect(await store.jobs.bank.remove(a.id)).toBe(false);
    expect(await store.jobs.bank.remove(b.id)).toBe(true);
    expect(await store.jobs.bank.remove(b.id)).toBe(false);
    expect(await store.jobs.bank.get(b.id)).toBeUndefined();
    expect((await store.jobs.bank.list(branchId)).map((x) => x.id)).toEqual([a.id, c.id]);
    expect((await store.jobs.bank.reserve(branchId, '2026-12-14', at(4)))?.id).toBe(c.id);
  });

  test('push schedules: set replaces, get and list', async () => {
    expect(await store.jobs.pushSchedules.get(branchId)).toBeUndefined();
    await store.jobs.pushSchedules.set({ branchId, weekday: 1, time: '09:00', updatedBy: 'sim:sec' }, T0);
    const s = await store.jobs.pushSchedules.set({ branchId, weekday: 3, time: '20:30', updatedBy: 'sim:sec2' }, at(1));
    expect(s).toEqual({ branchId, weekday: 3, time: '20:30', updatedBy: 'sim:sec2', updatedAt: at(1).toISOString() });
    expect(await store.jobs.pushSchedules.list()).toEqual([s]);
  });

  test('job runs: one row per (job, fire); restart counts attempts; latest and prune', async () => {
    const runs = store.jobs.runs;
    expect(await runs.get('push', T0)).toBeUndefined();
    const first = await runs.start({ job: 'push', fireAt: T0, owner: 'a', trigger: 'cron' }, at(0));
    expect(first).toMatchObject({
      job: 'push',
      fireAt: T0.toISOString(),
      status: 'running',
      trigger: 'cron',
      owner: 'a',
      attempts: 1,
    });
    await runs.finish('push', T0, { status: 'failed', error: 'boom' }, at(1));
    expect(await runs.get('push', T0)).toMatchObject({
      status: 'failed',
      error: 'boom',
      finishedAt: at(1).toISOString(),
    });
    const again = await runs.start({ job: 'push', fireAt: T0, owner: 'b', trigger: 'catch-up' }, at(2));
    expect(again).toMatchObject({ status: 'running', owner: 'b', trigger: 'catch-up', attempts: 2 });
    expect(again.error).toBeUndefined();
    await runs.finish('push', T0, { status: 'done', summary: '推送 1 个支部', sent: 2 }, at(3));
    await runs.start({ job: 'push', fireAt: at(5), owner: 'a', trigger: 'cron' }, at(5));
    await runs.finish('push', at(5), { status: 'done', summary: '没有到期的推送', sent: 0 }, at(5));
    await runs.start({ job: 'other', fireAt: at(9), owner: 'a', trigger: 'manual' }, at(9));
    expect((await runs.latest('push'))?.fireAt).toBe(at(5).toISOString());
    expect(await runs.latest('push', { sentOnly: true })).toMatchObject({
      fireAt: T0.toISOString(),
      summary: '推送 1 个支部',
      sent: 2,
    });
    expect(await runs.prune(at(6))).toBe(1); // the no-op at(5); the run that sent and the running one stay
    expect(await runs.get('push', at(5))).toBeUndefined();
    expect(await runs.get('push', T0)).toBeDefined();
    expect(await runs.get('other', at(9))).toMatchObject({ status: 'running' });
  });

  test('marks: add once, has', async () => {
    expect(await store.jobs.marks.has('k')).toBe(false);
    expect(await store.jobs.marks.add('k', 'push', T0)).toBe(true);
    expect(await store.jobs.marks.add('k', 'push', at(1))).toBe(false);
    expect(await store.jobs.marks.has('k')).toBe(true);
  });
}
