import type { Store } from '../../src/store/store';
import type { OpinionOpen } from '../../src/store/opinion-repo';
import { T0, at, type StoreFactory } from './contract-types';

/** Opinions: open idempotently, the sender kept apart, guarded transitions, stages once, append-only history. */
export function opinionsContract(makeStore: StoreFactory): void {
  let store: Store;
  let ids: { home: number; host: number; named: number; anon: number };
  beforeEach(async () => {
    store = await makeStore();
    const home = await store.branches.create({ name: '青山村党支部', kind: 'home' }, T0);
    const host = await store.branches.create({ name: '广州流动党支部', kind: 'host' }, T0);
    const named = await store.members.create({ name: '张三', homeBranchId: home.id, hostBranchId: host.id }, T0);
    const anon = await store.members.create({ name: '李四', homeBranchId: home.id }, T0);
    ids = { home: home.id, host: host.id, named: named.id, anon: anon.id };
  });
  afterEach(async () => {
    await store.close();
  });

  const input = (sourceKey: string, extra: Partial<OpinionOpen> = {}): OpinionOpen => ({
    kind: 'opinion',
    category: 'branch-work',
    content: '支部学习时间能否安排在晚上',
    anonymous: false,
    branchId: ids.home,
    branchSide: 'home',
    platform: 'sim',
    sourceKey,
    ...extra,
  });
  const open = (key: string, member: number, extra: Partial<OpinionOpen> = {}, minutes = 0) =>
    store.opinions.open(input(key, extra), { memberId: member, platform: 'sim' }, at(minutes));

  test('open: fields and defaults; the same sourceKey returns the first one and records one sender', async () => {
    const first = await open('k1', ids.named);
    expect(first.created).toBe(true);
    expect(first.opinion).toMatchObject({
      kind: 'opinion',
      category: 'branch-work',
      anonymous: false,
      memberId: ids.named,
      branchId: ids.home,
      branchSide: 'home',
      status: 'received',
      disputes: 0,
      createdAt: T0.toISOString(),
    });
    const again = await open('k1', ids.named, { content: '别的' }, 5);
    expect(again).toEqual({ opinion: first.opinion, created: false });
    expect(await store.opinions.senderOf(first.opinion.id)).toEqual({
      opinionId: first.opinion.id,
      memberId: ids.named,
      platform: 'sim',
    });
  });

  test('an anonymous opinion holds no member; only senderOf and listBySender know who sent it', async () => {
    const { opinion } = await open('k2', ids.anon, { anonymous: true, kind: 'suggestion' });
    expect(opinion.anonymous).toBe(true);
    expect(opinion.memberId).toBeUndefined();
    expect(JSON.stringify(await store.opinions.list())).not.toContain(`"memberId":${ids.anon}`);
    expect((await store.opinions.senderOf(opinion.id))?.memberId).toBe(ids.anon);
    expect((await store.opinions.listBySender(ids.anon)).map((o) => o.id)).toEqual([opinion.id]);
    expect(await store.opinions.listBySender(ids.named)).toEqual([]);
  });

  test('list: newest first, by branch (an empty list matches nothing), status and age', async () => {
    const a = (await open('a', ids.named, {}, 0)).opinion;
    const b = (await open('b', ids.named, { branchId: ids.host, branchSide: 'host' }, 10)).opinion;
    expect((await store.opinions.list()).map((o) => o.id)).toEqual([b.id, a.id]);
    expect((await store.opinions.list({ branchIds: [ids.host] })).map((o) => o.id)).toEqual([b.id]);
    expect(await store.opinions.list({ branchIds: [] })).toEqual([]);
    expect((await store.opinions.list({ before: at(5) })).map((o) => o.id)).toEqual([a.id]);
    expect((await store.opinions.list({ statuses: ['closed'] })).length).toBe(0);
    expect((await store.opinions.list({ limit: 1 })).map((o) => o.id)).toEqual([b.id]);
  });

  test('transition applies only while the guard holds', async () => {
    const { opinion } = await open('t', ids.named);
    const closed = await store.opinions.transition(
      opinion.id,
      { statuses: ['received', 'answered'] },
      { status: 'closed', result: '已调整到周六晚上', closedAt: at(60).toISOString() },
      at(60),
    );
    expect(closed).toMatchObject({ status: 'closed', result: '已调整到周六晚上', updatedAt: at(60).toISOString() });
    expect(
      await store.opinions.transition(opinion.id, { statuses: ['received', 'answered'] }, { status: 'closed' }, at(61)),
    ).toBeUndefined();
    expect(
      await store.opinions.transition(
        opinion.id,
        { statuses: ['closed'], disputes: 1 },
        { status: 'answered' },
        at(62),
      ),
    ).toBeUndefined();
    const reopened = await store.opinions.transition(
      opinion.id,
      { statuses: ['closed'], disputes: 0 },
      { status: 'answered', disputes: 1, disputeReason: '还是白天' },
      at(63),
    );
    expect(reopened).toMatchObject({ status: 'answered', disputes: 1, disputeReason: '还是白天' });
    expect(
      await store.opinions.transition(999, { statuses: ['received'] }, { status: 'closed' }, at(1)),
    ).toBeUndefined();
  });

  test('each overdue stage is marked once', async () => {
    const { opinion } = await open('s', ids.named);
    expect(await store.opinions.markStage(opinion.id, 'digestedAt', at(1))).toBe(true);
    expect(await store.opinions.markStage(opinion.id, 'digestedAt', at(2))).toBe(false);
    expect(await store.opinions.markStage(opinion.id, 'adminNotifiedAt', at(3))).toBe(true);
    expect(await store.opinions.get(opinion.id)).toMatchObject({
      digestedAt: at(1).toISOString(),
      adminNotifiedAt: at(3).toISOString(),
    });
  });

  test('history: keyed appends, in order', async () => {
    const { opinion } = await open('h', ids.named);
    const e = { opinionId: opinion.id, kind: 'answer' as const, actor: 'sim:u_sec', text: '收到', idemKey: 'x#answer' };
    expect(await store.opinions.addEvent(e, at(1))).toMatchObject({ ...e, createdAt: at(1).toISOString() });
    expect(await store.opinions.addEvent(e, at(2))).toBeUndefined();
    await store.opinions.addEvent({ ...e, kind: 'close', idemKey: 'x#close' }, at(3));
    expect((await store.opinions.listEvents(opinion.id)).map((x) => x.kind)).toEqual(['answer', 'close']);
  });
}
