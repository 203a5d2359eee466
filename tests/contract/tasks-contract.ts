import type { Store } from '../../src/store/store';
import type { TaskFields } from '../../src/model';
import { T0, at, type StoreFactory } from './contract-types';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

export function tasksContract(makeStore: StoreFactory): void {
  let store: Store;
  let branchId: number;
  let memberId: number;
  const task = (over: Partial<TaskFields> = {}): TaskFields => ({
    branchId,
    title: '学习',
    content: '读原文',
    deadline: at(60).toISOString(),
    points: 10,
    proofKinds: ['image', 'text'],
    minChars: 20,
    lateRule: 'half',
    createdBy: 'sim:sec',
    ...over,
  });
  beforeEach(async () => {
    store = await makeStore();
    branchId = (await store.branches.create({ name: 'B', kind: 'home' }, T0)).id;
    memberId = (await store.members.create({ name: '甲', homeBranchId: branchId }, T0)).id;
  });
  afterEach(async () => {
    await store.close();
  });

  test('tasks: create with sequential codes; open tasks by deadline', async () => {
    const t1 = await store.tasks.create(task({ deadline: at(120).toISOString() }), T0);
    const t2 = await store.tasks.create(task({ deadline: at(30).toISOString() }), T0);
    expect(t2.id).toBe(t1.id + 1);
    expect(t1).toMatchObject({ proofKinds: ['image', 'text'], lateRule: 'half', points: 10 });
    expect((await store.tasks.listByBranches([branchId], { openAt: T0 })).map((t) => t.id)).toEqual([t2.id, t1.id]);
    expect((await store.tasks.listByBranches([branchId], { openAt: at(60) })).map((t) => t.id)).toEqual([t1.id]);
    expect((await store.tasks.listByBranches([branchId])).map((t) => t.id)).toEqual([t2.id, t1.id]);
    expect(await store.tasks.listByBranches([])).toEqual([]);
  });

  test('submissions: one per task and member, resubmission replaces the proof', async () => {
    const t = await store.tasks.create(task(), T0);
    const first = await store.submissions.upsert(
      {
        taskId: t.id,
        memberId,
        note: '心得',
        links: [],
        media: [{ sha256: SHA_A, kind: 'image' }],
        late: false,
        status: 'accepted',
        sourceKey: 'sim:1',
      },
      at(1),
    );
    expect(first.existed).toBe(false);
    expect(first.submission).toEqual(await store.submissions.get(first.submission.id));
    const second = await store.submissions.upsert(
      {
        taskId: t.id,
        memberId,
        note: '新心得',
        links: ['https://x.cn'],
        media: [{ sha256: SHA_B, kind: 'image', name: 'b.jpg' }],
        late: true,
        status: 'flagged',
        sourceKey: 'sim:2',
      },
      at(2),
    );
    expect(second.existed).toBe(true);
    expect(second.submission.id).toBe(first.submission.id);
    expect(second.submission).toMatchObject({
      note: '新心得',
      links: ['https://x.cn'],
      late: true,
      status: 'flagged',
      media: [{ sha256: SHA_B, kind: 'image', name: 'b.jpg' }],
    });
    expect(await store.submissions.listByTask(t.id)).toEqual([second.submission]);
    expect(await store.submissions.findByMediaHash(SHA_A)).toEqual([]);
    expect((await store.submissions.findByMediaHash(SHA_B)).map((s) => s.id)).toEqual([first.submission.id]);
    await store.submissions.setStatus(first.submission.id, 'rejected', '无关图片', at(3));
    expect(await store.submissions.get(first.submission.id)).toMatchObject({
      status: 'rejected',
      reviewNote: '无关图片',
    });
    expect((await store.submissions.find(t.id, memberId))?.id).toBe(first.submission.id);
  });

  test('ledger: entries record their branch; totals and list can count one branch only', async () => {
    const other = (await store.branches.create({ name: 'H', kind: 'host' }, T0)).id;
    await store.ledger.append(
      { memberId, delta: 10, reason: '任务', kind: 'task', taskId: 1, branchId, actor: 'system', idemKey: 'b1' },
      T0,
    );
    await store.ledger.append(
      { memberId, delta: 4, reason: '志愿', kind: 'manual', branchId: other, actor: 'sim:sec', idemKey: 'b2' },
      at(1),
    );
    await store.ledger.append(
      { memberId, delta: -2, reason: '更正', kind: 'correction', branchId: other, actor: 'sim:sec', idemKey: 'b3' },
      at(2),
    );
    expect((await store.ledger.totals([memberId])).get(memberId)).toBe(12);
    expect((await store.ledger.totals([memberId], { branchId })).get(memberId)).toBe(10);
    expect((await store.ledger.totals([memberId], { branchId: other })).get(memberId)).toBe(2);
    expect((await store.ledger.totals([memberId], { branchId: other, from: at(2) })).get(memberId)).toBe(-2);
    expect((await store.ledger.list({ branchId: other })).map((e) => e.idemKey)).toEqual(['b2', 'b3']);
    expect((await store.ledger.findByIdemKey('b2'))?.branchId).toBe(other);
  });

  test('tasks: update changes only what is given; a withdrawn task leaves lists and cannot change', async () => {
    const t = await store.tasks.create(task(), T0);
    const changed = await store.tasks.update(t.id, { points: 6, deadline: at(90).toISOString(), proofKinds: ['text'] });
    expect(changed).toMatchObject({
      id: t.id,
      points: 6,
      deadline: at(90).toISOString(),
      proofKinds: ['text'],
      title: '学习',
      minChars: 20,
    });
    expect(await store.tasks.get(t.id)).toMatchObject({ points: 6, proofKinds: ['text'] });
    const gone = await store.tasks.withdraw(t.id, '重复发布', at(1));
    expect(gone).toMatchObject({ id: t.id, withdrawnAt: at(1).toISOString(), withdrawReason: '重复发布' });
    expect(await store.tasks.withdraw(t.id, '再撤', at(2))).toBeUndefined();
    expect(await store.tasks.update(t.id, { points: 9 })).toBeUndefined();
    expect((await store.tasks.get(t.id))?.points).toBe(6);
    expect(await store.tasks.listByBranches([branchId], { openAt: T0 })).toEqual([]);
    expect(await store.tasks.listByBranches([branchId])).toEqual([]);
    expect((await store.tasks.listByBranches([branchId], { withdrawn: true })).map((x) => x.id)).toEqual([t.id]);
    expect(await store.tasks.withdraw(t.id + 99, undefined, at(3))).toBeUndefined();
  });

  test('ledger: append-only, idempotent by key, totals by range', async () => {
    const e1 = await store.ledger.append(
      { memberId, delta: 10, reason: '任务', kind: 'task', actor: 'system', idemKey: 'k1' },
      T0,
    );
    expect(e1).toMatchObject({ delta: 10, idemKey: 'k1' });
    expect(
      await store.ledger.append(
        { memberId, delta: 10, reason: '任务', kind: 'task', actor: 'system', idemKey: 'k1' },
        at(1),
      ),
    ).toBeUndefined();
    await store.ledger.append(
      { memberId, delta: -3, reason: '更正', kind: 'correction', actor: 'sim:sec', idemKey: 'k2' },
      at(10),
    );
    expect((await store.ledger.totals([memberId])).get(memberId)).toBe(7);
    expect((await store.ledger.totals([memberId], { from: at(5) })).get(memberId)).toBe(-3);
    expect((await store.ledger.totals([memberId], { to: at(5) })).get(memberId)).toBe(10);
    expect((await store.ledger.totals([memberId + 999])).size).toBe(0);
    expect((await store.ledger.listByMember(memberId)).map((e) => e.idemKey)).toEqual(['k1', 'k2']);
    expect((await store.ledger.findByIdemKey('k2'))?.delta).toBe(-3);
    expect(await store.ledger.list({ from: at(5) })).toHaveLength(1);
  });

  test('pending media: take returns what was held once, nothing after expiry', async () => {
    await store.pending.hold('sim:g:u', [{ sha256: SHA_A, kind: 'image' }], at(10));
    expect(await store.pending.take('sim:g:u', at(1))).toEqual([{ sha256: SHA_A, kind: 'image' }]);
    expect(await store.pending.take('sim:g:u', at(2))).toEqual([]);
    await store.pending.hold('sim:g:u', [{ sha256: SHA_B, kind: 'image' }], at(10));
    expect(await store.pending.take('sim:g:u', at(11))).toEqual([]);
  });
}
