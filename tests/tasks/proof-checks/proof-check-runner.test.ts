import pino from 'pino';
import type { ProofCheckRef } from '../../../src/store/proof-check-repo';
import { sqliteStore } from '../../../src/store/sqlite/sqlite-store';
import type { Store } from '../../../src/store/store';
import { ImageFactsReader } from '../../../src/tasks/proof-checks/image-facts';
import type { ProofCheck } from '../../../src/tasks/proof-checks/proof-check';
import { ProofCheckRunner } from '../../../src/tasks/proof-checks/proof-check-runner';
import { Arrivals } from '../../../src/bot/arrivals';
import { fixedClock } from '../../../src/time/clock';
import { cleanupTempDirs, tempDir } from '../../helpers/temp-dir';

const T0 = new Date('2026-12-01T02:00:00.000Z');
let store: Store;
let taskId: number;
let branchId: number;
let checked: number[];
let listed: number;

beforeEach(async () => {
  store = sqliteStore(tempDir('zhibu-runner-'));
  branchId = (await store.branches.create({ name: '一支部', kind: 'home' }, T0)).id;
  const fields = { title: '学习', content: '', deadline: '2026-12-20T10:00:00.000Z', points: 5, minChars: 0 };
  taskId = (
    await store.tasks.create({ ...fields, branchId, proofKinds: ['text'], lateRule: 'half', createdBy: 'test' }, T0)
  ).id;
  checked = [];
  listed = 0;
  const list = store.proofChecks.listPending.bind(store.proofChecks);
  store.proofChecks.listPending = (limit) => (listed++, list(limit));
});
afterEach(async () => {
  await store.close();
  cleanupTempDirs();
});

const counting: ProofCheck = {
  name: 'counting',
  check: async ({ submission }) => (checked.push(submission.id), []),
};

function runner(workers: number, arrivals?: Arrivals): ProofCheckRunner {
  const deps = {
    store,
    checks: [counting],
    reader: new ImageFactsReader(undefined),
    outbox: { enqueue: async () => Promise.reject(new Error('nothing is sent here')) },
    log: pino({ level: 'silent' }),
    clock: fixedClock(T0),
  };
  return new ProofCheckRunner(deps, workers, arrivals);
}

/** What the request path does: a submission and its queued check. */
async function queued(n: number): Promise<ProofCheckRef> {
  const memberId = (await store.members.create({ name: `党员${n}`, homeBranchId: branchId }, T0)).id;
  const sourceKey = `sim:m${n}`;
  const fields = { taskId, memberId, note: '心得', links: [], media: [], late: false, status: 'accepted' as const };
  const { submission } = await store.submissions.upsert({ ...fields, sourceKey }, T0);
  const run = { submissionId: submission.id, sourceKey, doubts: [] };
  await store.proofChecks.enqueue(run, T0);
  return run;
}

test('runs handed in are checked once each without reading the queue in the store', async () => {
  const r = runner(2);
  const ids = [];
  for (let n = 0; n < 7; n++) {
    const run = await queued(n);
    ids.push(run.submissionId);
    r.wake(run);
    if (n === 3) r.wake(run); // handed in twice: still checked once
  }
  await r.idle();
  expect(checked.sort((a, b) => a - b)).toEqual(ids);
  expect(listed).toBe(0);
  expect(await store.proofChecks.listPending(10)).toEqual([]);
});

test('while callbacks keep arriving a handed-in run waits, and is checked once arrivals have been quiet', async () => {
  let t = 0;
  let looked = 0;
  const arrivals = new Arrivals(50, () => (looked++, t));
  arrivals.note();
  const r = runner(2, arrivals);
  const run = await queued(0);
  r.wake(run);
  // The gate has looked at the clock again and again (timers that fire) and still sees a burst: nothing ran.
  for (let i = 0; i < 40 && looked < 6; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(checked).toEqual([]);
  expect(looked).toBeGreaterThanOrEqual(6);
  t = 50;
  await r.idle();
  expect(checked).toEqual([run.submissionId]);
});

test('stop() ends a check still waiting for a calm moment without running it; it stays pending', async () => {
  const arrivals = new Arrivals(50, () => 0);
  arrivals.countBacklog(() => 1);
  const r = runner(2, arrivals);
  const run = await queued(0);
  r.wake(run);
  await new Promise((resolve) => setTimeout(resolve, 20));
  await r.stop();
  expect(checked).toEqual([]);
  expect((await store.proofChecks.listPending(10)).map((p) => p.submissionId)).toEqual([run.submissionId]);
});

test('at start every run left pending is taken, more than the pool holds, then the store is not read again', async () => {
  const left = [];
  for (let n = 0; n < 5; n++) left.push((await queued(n)).submissionId);
  const r = runner(2);
  r.wake();
  const fresh = await queued(5); // handed in while the backlog is read: it is in the store too, and runs once
  r.wake(fresh);
  await r.idle();
  expect(checked.sort((a, b) => a - b)).toEqual([...left, fresh.submissionId]);
  const reads = listed;
  expect(reads).toBeGreaterThanOrEqual(1);
  const later = await queued(6);
  r.wake(later);
  await r.idle();
  expect(checked).toHaveLength(7);
  expect(listed).toBe(reads);
  await r.stop();
});

test('a run handed in again after it finished (the same message handled again) is not checked twice', async () => {
  const run = await queued(0);
  const r = runner(1);
  r.wake(run);
  await r.idle();
  r.wake(run);
  await r.idle();
  expect(checked).toEqual([run.submissionId]);
  expect((await store.proofChecks.get(run.submissionId, run.sourceKey))?.status).toBe('done');
});
