import type { IncomingMessage } from '../../src/bot/incoming-message';
import type { Store } from '../../src/store/store';
import { T0, at, type StoreFactory } from './contract-types';

const target = (platform: 'sim' | 'wecom' | 'dingtalk') => ({ platform, chatId: 'g1', chatType: 'group' as const });
const msg: IncomingMessage = {
  platform: 'sim',
  msgId: 'm1',
  chatId: 'g1',
  chatType: 'group',
  userId: 'u1',
  text: '#1',
  media: [],
  receivedAt: T0.toISOString(),
};

/**
 * What several bot instances on one store rely on: every write two instances can race on has exactly one winner.
 * The calls are issued together (Promise.all); on MongoDB they really interleave on the server.
 */
export function instancesContract(makeStore: StoreFactory): void {
  let store: Store;
  beforeEach(async () => {
    store = await makeStore();
  });
  afterEach(async () => {
    await store.close();
  });

  test('outbox: claims racing for the same items split them, never share one', async () => {
    const ids = [];
    for (let i = 0; i < 30; i++)
      ids.push((await store.outbox.enqueue({ target: target('sim'), text: `第${i}条` }, T0)).id);
    const claims = await Promise.all(['a', 'b', 'c'].map((owner) => store.outbox.claimDue(owner, T0, 12, 60_000)));
    const all = claims
      .flat()
      .map((i) => i.id)
      .sort((x, y) => x - y);
    expect(all).toEqual(ids);
    expect(claims.flat().every((i) => i.attempts === 1 && i.status === 'sending')).toBe(true);
  });

  test('outbox: a claim can be limited to platforms (a standby instance leaves the others to the holder)', async () => {
    const wecom = await store.outbox.enqueue({ target: target('wecom'), text: '企微' }, T0);
    const sim = await store.outbox.enqueue({ target: target('sim'), text: '模拟' }, T0);
    expect(await store.outbox.claimDue('a', T0, 10, 60_000, { platforms: [] })).toEqual([]);
    expect(
      (await store.outbox.claimDue('a', T0, 10, 60_000, { platforms: ['sim', 'dingtalk'] })).map((i) => i.id),
    ).toEqual([sim.id]);
    // Inside a's lease (not at its very end: a server clock moves on while the test runs).
    expect((await store.outbox.claimDue('b', at(0.5), 10, 60_000)).map((i) => i.id)).toEqual([wecom.id]);
  });

  test('outbox: racing enqueues with one idempotency key keep one item', async () => {
    const items = await Promise.all(
      [1, 2, 3].map(() => store.outbox.enqueue({ target: target('sim'), text: '排名', idemKey: 'rank:2026-12' }, T0)),
    );
    expect(new Set(items.map((i) => i.id)).size).toBe(1);
    expect(await store.outbox.depth()).toBe(1);
  });

  test('inbox: the same redelivery reaching several instances is accepted once', async () => {
    const accepted = await Promise.all([1, 2, 3, 4].map(() => store.inbox.accept('sim:m1', msg, T0)));
    expect(accepted.filter(Boolean)).toHaveLength(1);
    expect(await store.inbox.count()).toBe(1);
  });

  test('leases: of owners racing for a free lease exactly one wins', async () => {
    const won = await Promise.all(
      ['a', 'b', 'c', 'd'].map((owner) => store.leases.acquire('job:weekly-push', owner, T0, 60_000)),
    );
    expect(won.filter(Boolean)).toHaveLength(1);
    const winner = ['a', 'b', 'c', 'd'][won.indexOf(true)];
    expect(await store.leases.acquire('job:weekly-push', winner, at(0.5), 60_000)).toBe(true);
    const late = await Promise.all(
      ['a', 'b', 'c', 'd'].map((owner) => store.leases.acquire('job:weekly-push', owner, at(2), 60_000)),
    );
    expect(late.filter(Boolean)).toHaveLength(1);
  });

  test('ledger: a racing repeat of one idempotency key is booked once', async () => {
    const m = await store.members.create({ name: '甲' }, T0);
    const entries = await Promise.all(
      [1, 2, 3].map(() =>
        store.ledger.append(
          { memberId: m.id, delta: 10, reason: '任务', kind: 'task', actor: 'system', idemKey: 'task:1:1' },
          T0,
        ),
      ),
    );
    expect(entries.filter(Boolean)).toHaveLength(1);
    expect((await store.ledger.totals([m.id])).get(m.id)).toBe(10);
  });

  test('submissions, roles, pending media: one winner each', async () => {
    const branch = await store.branches.create({ name: 'B', kind: 'home' }, T0);
    const m = await store.members.create({ name: '甲' }, T0);
    const task = await store.tasks.create(
      {
        branchId: branch.id,
        title: '学习',
        content: '读原文',
        deadline: at(60).toISOString(),
        points: 10,
        proofKinds: ['text'],
        minChars: 0,
        lateRule: 'full',
        createdBy: 'x',
      },
      T0,
    );
    const upserts = await Promise.all(
      ['sim:1', 'sim:2'].map((sourceKey) =>
        store.submissions.upsert(
          {
            taskId: task.id,
            memberId: m.id,
            note: sourceKey,
            links: [],
            media: [],
            late: false,
            status: 'accepted',
            sourceKey,
          },
          T0,
        ),
      ),
    );
    expect(upserts.filter((u) => !u.existed)).toHaveLength(1);
    expect(new Set(upserts.map((u) => u.submission.id)).size).toBe(1);
    expect(await store.submissions.listByTask(task.id)).toHaveLength(1);
    const grants = await Promise.all(
      [1, 2].map(() => store.roles.grant({ role: 'admin', memberId: m.id, branchId: null, grantedBy: 'config' }, T0)),
    );
    expect(grants[0].id).toBe(grants[1].id);
    await store.pending.hold('sim:g1:u1', [{ sha256: 'a'.repeat(64), kind: 'image' }], at(10));
    const taken = await Promise.all([1, 2].map(() => store.pending.take('sim:g1:u1', T0)));
    expect(taken.map((t) => t.length).sort()).toEqual([0, 1]);
  });
}
