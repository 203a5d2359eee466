import type { Store } from '../../src/store/store';
import type { TaskFields } from '../../src/model';
import { T0, at, type StoreFactory } from './contract-types';

export function proofChecksContract(makeStore: StoreFactory): void {
  let store: Store;
  let task: TaskFields;
  let memberId: number;
  beforeEach(async () => {
    store = await makeStore();
    const branchId = (await store.branches.create({ name: 'B', kind: 'home' }, T0)).id;
    memberId = (await store.members.create({ name: '甲', homeBranchId: branchId }, T0)).id;
    task = {
      branchId,
      title: '学习强国截图',
      content: '',
      deadline: at(600).toISOString(),
      points: 5,
      proofKinds: ['image'],
      minChars: 0,
      lateRule: 'half',
      createdBy: 'sim:sec',
    };
  });
  afterEach(async () => {
    await store.close();
  });

  const submit = async (taskId: number, sourceKey: string) =>
    (
      await store.submissions.upsert(
        { taskId, memberId, note: '', links: [], media: [], late: false, status: 'accepted', sourceKey },
        T0,
      )
    ).submission;

  test('proof checks: a revision is queued once, listed while pending, and finished with its doubts and facts', async () => {
    const t = await store.tasks.create(task, T0);
    const s = await submit(t.id, 'sim:m1');
    const dup = { code: 'exact-duplicate', reason: '图片与 S9 完全相同', relatedSubmissionIds: [9] };
    await store.proofChecks.enqueue({ submissionId: s.id, sourceKey: 'sim:m1', doubts: [dup] }, T0);
    await store.proofChecks.enqueue({ submissionId: s.id, sourceKey: 'sim:m1', doubts: [] }, at(1));
    await store.proofChecks.enqueue({ submissionId: s.id, sourceKey: 'sim:m2', doubts: [] }, at(2));
    const pending = await store.proofChecks.listPending(10);
    expect(pending.map((r) => [r.sourceKey, r.status, r.doubts])).toEqual([
      ['sim:m1', 'pending', [dup]],
      ['sim:m2', 'pending', []],
    ]);
    expect(await store.proofChecks.listPending(1)).toHaveLength(1);
    const late = { code: 'taken-before-task', reason: '日期早', detail: { date: '2026-11-02', n: 1 } };
    await store.proofChecks.finish(
      s.id,
      'sim:m1',
      { status: 'done', doubts: [dup, late], facts: { takenAt: '2026-11-02 14:30' } },
      at(3),
    );
    await store.proofChecks.finish(s.id, 'sim:m2', { status: 'superseded', doubts: [], facts: {} }, at(3));
    expect(await store.proofChecks.listPending(10)).toEqual([]);
    const done = await store.proofChecks.get(s.id, 'sim:m1');
    expect(done).toMatchObject({ status: 'done', doubts: [dup, late], facts: { takenAt: '2026-11-02 14:30' } });
    expect(done?.finishedAt).toBe(at(3).toISOString());
    expect(await store.proofChecks.get(s.id, 'sim:none')).toBeUndefined();
  });

  test('tasks: the screenshot rule and keywords are kept, changed and turned off', async () => {
    const plain = await store.tasks.create(task, T0);
    expect(plain.screenshotProof).toBeUndefined();
    expect(plain.proofKeywords).toBeUndefined();
    const shot = await store.tasks.create({ ...task, screenshotProof: true, proofKeywords: ['学习强国'] }, T0);
    expect(await store.tasks.get(shot.id)).toMatchObject({ screenshotProof: true, proofKeywords: ['学习强国'] });
    const changed = await store.tasks.update(shot.id, { proofKeywords: ['学习强国', '积分'] });
    expect(changed?.proofKeywords).toEqual(['学习强国', '积分']);
    const off = await store.tasks.update(shot.id, { screenshotProof: false });
    expect(off?.screenshotProof).toBeUndefined();
    expect((await store.tasks.update(plain.id, { screenshotProof: true }))?.screenshotProof).toBe(true);
  });
}
