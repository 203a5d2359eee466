import type { LedgerInput, SettleState, Store } from '../../src/store/store';
import { T0, at, type StoreFactory } from './contract-types';

/** Booking a submission's revisions: what `settle` shows `decide`, what it books, and when it reports settled. */
export function ledgerSettleContract(makeStore: StoreFactory): void {
  let store: Store;
  let branchId: number;
  let memberId: number;
  let taskId: number;
  let submissionId: number;
  const revision = (s: SettleState, delta: number): LedgerInput => ({
    memberId: s.submission.memberId,
    delta,
    kind: s.booked.count === 0 ? 'task' : 'correction',
    taskId: s.task.id,
    submissionId: s.submission.id,
    branchId: s.task.branchId,
    actor: 'system',
    reason: '完成任务',
    idemKey: `submission:${s.submission.id}:rev:${s.booked.count}`,
  });
  beforeEach(async () => {
    store = await makeStore();
    branchId = (await store.branches.create({ name: 'B', kind: 'home' }, T0)).id;
    memberId = (await store.members.create({ name: '甲', homeBranchId: branchId }, T0)).id;
    const task = await store.tasks.create(
      {
        branchId,
        title: '学习',
        content: '读原文',
        deadline: at(60).toISOString(),
        points: 10,
        proofKinds: ['text'],
        minChars: 20,
        lateRule: 'half',
        createdBy: 'sim:sec',
      },
      T0,
    );
    taskId = task.id;
    const input = { taskId, memberId, note: '心得', links: [], media: [], sourceKey: 'sim:1' };
    const { submission } = await store.submissions.upsert({ ...input, late: true, status: 'accepted' }, at(1));
    submissionId = submission.id;
  });
  afterEach(async () => {
    await store.close();
  });

  test('append returns the entry exactly as it reads back, with and without its optional fields', async () => {
    const bare = await store.ledger.append(
      { memberId, delta: 3, reason: '加分', kind: 'manual', actor: 'sim:sec', idemKey: 'm1' },
      at(2),
    );
    expect(bare).toEqual(await store.ledger.findByIdemKey('m1'));
    expect(bare).toEqual({
      id: expect.any(Number),
      memberId,
      delta: 3,
      reason: '加分',
      kind: 'manual',
      actor: 'sim:sec',
      idemKey: 'm1',
      createdAt: at(2).toISOString(),
    });
    const full = await store.ledger.append(
      { ...bare!, idemKey: 'm2', taskId, submissionId, branchId, category: 'service' },
      at(3),
    );
    expect(full).toEqual(await store.ledger.findByIdemKey('m2'));
    expect(full).toMatchObject({ taskId, submissionId, branchId, category: 'service', id: bare!.id + 1 });
  });

  test('settle shows decide the state, task and booked revisions, and books what it returns', async () => {
    const seen: SettleState[] = [];
    const first = await store.ledger.settle(
      submissionId,
      (s) => {
        seen.push(s);
        return revision(s, 5);
      },
      at(4),
    );
    expect(seen[0].submission).toMatchObject({ id: submissionId, taskId, memberId, status: 'accepted', late: true });
    expect(seen[0].task).toMatchObject({ id: taskId, branchId, points: 10, lateRule: 'half', proofKinds: ['text'] });
    expect(seen[0].booked).toEqual({ count: 0, sum: 0 });
    expect(first.entry).toEqual(await store.ledger.findByIdemKey(`submission:${submissionId}:rev:0`));
    expect(first.entry).toMatchObject({ delta: 5, kind: 'task', createdAt: at(4).toISOString() });
    await store.ledger.settle(submissionId, (s) => (seen.push(s), revision(s, -5)), at(5));
    expect(seen[seen.length - 1].booked).toEqual({ count: 1, sum: 5 });
    expect((await store.ledger.listBySubmission(submissionId)).map((e) => e.delta)).toEqual([5, -5]);
    expect((await store.ledger.totals([memberId], { branchId })).get(memberId)).toBe(0);
  });

  test('settle with nothing to book is settled; a revision booked before is not booked again nor settled', async () => {
    expect(await store.ledger.settle(submissionId, () => undefined, at(4))).toEqual({ settled: true });
    await store.ledger.append({ ...revision(await stateOf(store, submissionId), 5), idemKey: 'taken' }, at(5));
    const again = await store.ledger.settle(submissionId, (s) => ({ ...revision(s, 1), idemKey: 'taken' }), at(6));
    expect(again).toEqual({ settled: false });
    expect(await store.ledger.listBySubmission(submissionId)).toHaveLength(1);
  });

  test('settle of a submission that does not exist fails and books nothing', async () => {
    await expect(store.ledger.settle(submissionId + 99, (s) => revision(s, 1), at(4))).rejects.toThrow();
    expect(await store.ledger.list()).toEqual([]);
  });
}

/** The state `settle` would show, read through a settle that books nothing. */
async function stateOf(store: Store, submissionId: number): Promise<SettleState> {
  let state: SettleState | undefined;
  await store.ledger.settle(submissionId, (s) => ((state = s), undefined), T0);
  return state!;
}
