import type { MongoStore } from '../../../src/store/mongo/mongo-store';
import { startFakeMongo, type FakeMongoServer } from '../../helpers/fake-mongo/fake-mongo-server';
import { fakeStore, freshDbName } from '../../helpers/fake-mongo/fake-store';

const T0 = new Date('2026-12-01T02:00:00.000Z');
const task = (branchId: number) => ({
  branchId,
  title: '学习',
  content: '读原文',
  deadline: '2026-12-08T02:00:00.000Z',
  points: 10,
  proofKinds: ['text' as const],
  minChars: 0,
  lateRule: 'full' as const,
  createdBy: 'x',
});
const award = (memberId: number, idemKey: string) => ({
  memberId,
  delta: 10,
  reason: '任务',
  kind: 'task' as const,
  actor: 'system',
  idemKey,
});

/**
 * E11000 read by its key: only the dedupe index means "already done". A sequence behind the data (restore of a
 * dump taken while the bot ran, a migrate that stopped early) clashes on `_id`, which must not swallow the write.
 */
describe('MongoDB duplicate keys and sequences', () => {
  let server: FakeMongoServer;
  let db: string;
  let store: MongoStore;
  const rewindSequences = () => store.conn.db!.collection('sequences').updateMany({}, { $set: { seq: 0 } });
  beforeAll(async () => {
    server = await startFakeMongo();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    db = freshDbName();
    store = await fakeStore(server, db);
  });
  afterEach(async () => {
    await store.conn.dropDatabase();
    await store.close();
  });

  test('an _id clash moves the sequence past the data and the write goes through (ledger, help-case history, tasks, members)', async () => {
    const branch = await store.branches.create({ name: 'B', kind: 'home' }, T0);
    const m = await store.members.create({ name: '甲' }, T0);
    for (const k of ['a', 'b', 'c']) await store.ledger.append(award(m.id, k), T0);
    const hc = await store.helpCases.open(
      { memberId: m.id, category: 'jobs', content: '找工作', platform: 'sim', sourceKey: 'sim:h1' },
      T0,
    );
    await store.helpCases.addEvent({ caseId: hc.helpCase.id, kind: 'note', actor: 'x', idemKey: 'e1' }, T0);
    await store.tasks.create(task(branch.id), T0);
    await rewindSequences();

    const entry = await store.ledger.append(award(m.id, 'd'), T0);
    expect(entry?.id).toBe(4);
    expect((await store.ledger.totals([m.id])).get(m.id)).toBe(40);
    expect(
      (await store.helpCases.addEvent({ caseId: hc.helpCase.id, kind: 'note', actor: 'x', idemKey: 'e2' }, T0))?.id,
    ).toBe(2);
    expect((await store.tasks.create(task(branch.id), T0)).id).toBe(2);
    expect((await store.members.create({ name: '乙' }, T0)).id).toBe(2);
    // A real repeat is still a repeat.
    expect(await store.ledger.append(award(m.id, 'd'), T0)).toBeUndefined();
  });

  test('at start every sequence is moved past the data', async () => {
    const branch = await store.branches.create({ name: 'B', kind: 'home' }, T0);
    const m = await store.members.create({ name: '甲' }, T0);
    for (const k of ['a', 'b', 'c']) await store.ledger.append(award(m.id, k), T0);
    for (let i = 0; i < 2; i++) await store.tasks.create(task(branch.id), T0);
    await store.conn.db!.collection('sequences').deleteMany({});

    const second = await fakeStore(server, db);
    try {
      const seqs = await second.conn.db!.collection<{ _id: string; seq: number }>('sequences').find().toArray();
      expect(Object.fromEntries(seqs.map((s) => [s._id, s.seq]))).toMatchObject({
        ledger: 3,
        tasks: 2,
        members: 1,
        branches: 1,
      });
    } finally {
      await second.close();
    }
  });

  test('a failed task insert burns no task number', async () => {
    const branch = await store.branches.create({ name: 'B', kind: 'home' }, T0);
    await store.conn.db!.admin().command({
      configureFailPoint: 'failCommand',
      mode: { times: 1 },
      data: { failCommands: ['insert'], namespace: `${db}.tasks`, errorCode: 121 },
    });
    await expect(store.tasks.create(task(branch.id), T0)).rejects.toThrow();
    expect((await store.tasks.create(task(branch.id), T0)).id).toBe(1);
  });

  test('a submission that loses a race for (task, member) burns no submission number', async () => {
    const branch = await store.branches.create({ name: 'B', kind: 'home' }, T0);
    const [a, b] = [await store.members.create({ name: '甲' }, T0), await store.members.create({ name: '乙' }, T0)];
    const t = await store.tasks.create(task(branch.id), T0);
    const proof = (memberId: number, sourceKey: string) => ({
      taskId: t.id,
      memberId,
      note: sourceKey,
      links: [],
      media: [],
      late: false,
      status: 'accepted' as const,
      sourceKey,
    });
    const raced = await Promise.all(
      ['sim:1', 'sim:2', 'sim:3'].map((k) => store.submissions.upsert(proof(a.id, k), T0)),
    );
    expect(new Set(raced.map((r) => r.submission.id))).toEqual(new Set([1]));
    expect((await store.submissions.upsert(proof(b.id, 'sim:4'), T0)).submission.id).toBe(2);
  });
});
