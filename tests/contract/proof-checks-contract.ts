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

  test('note signatures: stored once per submission, replaced by a later revision, found by a shared band', async () => {
    const t = await store.tasks.create(task, T0);
    const other = await store.tasks.create(task, T0);
    const a = await submit(t.id, 'sim:a1');
    const second = (await store.members.create({ name: '乙', homeBranchId: task.branchId }, T0)).id;
    const b = (
      await store.submissions.upsert(
        {
          taskId: t.id,
          memberId: second,
          note: '',
          links: [],
          media: [],
          late: false,
          status: 'accepted',
          sourceKey: 'sim:b1',
        },
        T0,
      )
    ).submission;
    const c = await submit(other.id, 'sim:c1');
    expect(await store.proofChecks.unsignedNotes(t.id)).toEqual([a.id, b.id]);
    await store.proofChecks.enqueue({ submissionId: b.id, sourceKey: 'sim:b1', doubts: [] }, T0);
    expect(await store.proofChecks.unsignedNotes(t.id, { pendingOnly: true })).toEqual([b.id]);
    const big = 63 * 2 ** 32 + 4_294_967_295;
    const minima = Uint32Array.from({ length: 192 }, (_, i) => (i * 2_654_435_761) >>> 0);
    await store.proofChecks.putNoteSignatures([
      { submissionId: a.id, sourceKey: 'sim:a1', taskId: t.id, minima, bands: [1, big] },
      { submissionId: b.id, sourceKey: 'sim:b1', taskId: t.id, minima: new Uint32Array(0), bands: [] },
      { submissionId: c.id, sourceKey: 'sim:c1', taskId: other.id, minima, bands: [1] },
    ]);
    expect(await store.proofChecks.unsignedNotes(t.id)).toEqual([]);
    expect(await store.proofChecks.unsignedNotes(t.id, { pendingOnly: true })).toEqual([]);
    const found = await store.proofChecks.findNoteCandidates(t.id, [7, big]);
    expect(found.map((f) => [f.submissionId, [...f.minima]])).toEqual([[a.id, [...minima]]]);
    expect(await store.proofChecks.findNoteCandidates(t.id, [7])).toEqual([]);
    expect(await store.proofChecks.findNoteCandidates(t.id, [])).toEqual([]);
    // A new revision is unsigned until signed again; its new bands replace the old ones.
    await submit(t.id, 'sim:a2');
    expect(await store.proofChecks.unsignedNotes(t.id)).toEqual([a.id]);
    expect(await store.proofChecks.unsignedNotes(t.id, { pendingOnly: true })).toEqual([]);
    await store.proofChecks.putNoteSignatures([
      { submissionId: a.id, sourceKey: 'sim:a2', taskId: t.id, minima, bands: [2] },
    ]);
    expect(await store.proofChecks.findNoteCandidates(t.id, [1, big])).toEqual([]);
    expect((await store.proofChecks.findNoteCandidates(t.id, [2])).map((f) => f.submissionId)).toEqual([a.id]);
    expect(await store.proofChecks.unsignedNotes(t.id)).toEqual([]);
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
