import type { Store } from '../../src/store/store';
import type { TaskFields } from '../../src/model';
import { T0, at, type StoreFactory } from './contract-types';

/** What a handler creates for one message, created again with the same key, is found — never made twice. */
export function sourceKeysContract(makeStore: StoreFactory): void {
  let store: Store;
  let branchId: number;
  beforeEach(async () => {
    store = await makeStore();
    branchId = (await store.branches.create({ name: 'B', kind: 'home' }, T0)).id;
  });
  afterEach(async () => {
    await store.close();
  });
  const task = (title: string): TaskFields => ({
    branchId,
    title,
    content: '读原文',
    deadline: at(60).toISOString(),
    points: 10,
    proofKinds: ['image'],
    minChars: 0,
    lateRule: 'half',
    createdBy: 'sim:sec',
  });

  test('tasks: the same source key returns the first task, unchanged, and burns no task number', async () => {
    const first = await store.tasks.create(task('学习一'), T0, 'sim:m1');
    const again = await store.tasks.create(task('学习一（重发）'), at(1), 'sim:m1');
    expect(again).toEqual(first);
    expect(first.sourceKey).toBe('sim:m1');
    const next = await store.tasks.create(task('学习二'), at(2), 'sim:m2');
    const unkeyed = await store.tasks.create(task('周推送'), at(3));
    expect([next.id, unkeyed.id]).toEqual([first.id + 1, first.id + 2]);
    expect(unkeyed.sourceKey).toBeUndefined();
    expect(await store.tasks.listByBranches([branchId])).toHaveLength(3);
  });

  test('members and check-ins: one per source key', async () => {
    const m = await store.members.create({ name: '甲', homeBranchId: branchId }, T0, 'sim:c1');
    expect(await store.members.create({ name: '甲', homeBranchId: branchId }, at(1), 'sim:c1')).toEqual(m);
    expect(await store.members.findByName('甲')).toHaveLength(1);
    const c = await store.checkIns.record({ memberId: m.id, branchId, identity: 'sim:u' }, T0, 'sim:c1');
    expect(await store.checkIns.record({ memberId: m.id, branchId, identity: 'sim:u' }, at(1), 'sim:c1')).toEqual(c);
    const other = await store.checkIns.record({ memberId: m.id, branchId, identity: 'sim:u' }, at(2), 'sim:c2');
    expect(other.id).toBe(c.id + 1);
    expect(await store.checkIns.listByMember(m.id)).toHaveLength(2);
  });

  test('bank items and audit lines: one per source key', async () => {
    const fields = {
      branchId,
      title: '党章',
      content: '读',
      points: 5,
      proofKinds: ['text' as const],
      minChars: 10,
      lateRule: 'none' as const,
      durationDays: 7,
      createdBy: 'sim:sec',
    };
    const item = await store.jobs.bank.add(fields, T0, 'sim:b1');
    expect(await store.jobs.bank.add({ ...fields, title: '别的' }, at(1), 'sim:b1')).toEqual(item);
    expect(await store.jobs.bank.list(branchId)).toHaveLength(1);
    await store.audit.record({ actor: 'sim:sec', action: 'bank.add', subject: `bank:${item.id}` }, T0, 'sim:b1');
    await store.audit.record({ actor: 'sim:sec', action: 'bank.add', subject: `bank:${item.id}` }, at(1), 'sim:b1');
    await store.audit.record({ actor: 'sim:sec', action: 'other', subject: 'x' }, at(2));
    await store.audit.record({ actor: 'sim:sec', action: 'other', subject: 'x' }, at(3));
    expect((await store.audit.list(10)).map((a) => a.action)).toEqual(['other', 'other', 'bank.add']);
  });

  test("ledger: a submission's entries in booking order; a repeated key leaves no gap in the ids", async () => {
    const m = await store.members.create({ name: '乙' }, T0);
    const e = (idemKey: string, delta: number, submissionId?: number) =>
      store.ledger.append(
        {
          memberId: m.id,
          delta,
          reason: 'r',
          kind: 'task',
          actor: 'system',
          idemKey,
          ...(submissionId ? { submissionId } : {}),
        },
        T0,
      );
    const a = (await e('submission:7:rev:0', 10, 7))!;
    expect(await e('submission:7:rev:0', 10, 7)).toBeUndefined();
    const b = (await e('submission:8:rev:0', 10, 8))!;
    const c = (await e('submission:7:rev:1', -10, 7))!;
    expect([b.id, c.id]).toEqual([a.id + 1, a.id + 2]);
    expect((await store.ledger.listBySubmission(7)).map((x) => x.delta)).toEqual([10, -10]);
    expect(await store.ledger.listBySubmission(9)).toEqual([]);
  });
}
