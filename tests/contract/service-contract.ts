import type { ServiceItem } from '../../src/service/service-records';
import type { Store } from '../../src/store/store';
import { T0, at, type StoreFactory } from './contract-types';

async function setUp(store: Store, places: number) {
  const branchId = (await store.branches.create({ name: '甲支部', kind: 'home' }, T0)).id;
  const members: number[] = [];
  for (let i = 0; i < 5; i++)
    members.push((await store.members.create({ name: `党员${i}`, homeBranchId: branchId }, T0)).id);
  const item = await store.service.create(
    {
      kind: 'activity',
      branchId,
      title: '社区清扫',
      content: '社区清扫\n名额：3',
      places,
      points: 5,
      createdBy: 'sim:sec',
    },
    T0,
    'sim:m-act',
  );
  return { branchId, members, item };
}

/** 微心愿 and volunteer activities: keyed creation, places that racing claims never exceed, and the claim's life. */
export function serviceContract(makeStore: StoreFactory): void {
  let store: Store;
  afterEach(async () => {
    await store.close();
  });

  test('an item is created once per message and listed newest first, by branch and kind', async () => {
    store = await makeStore();
    const { branchId, item } = await setUp(store, 3);
    const again = await store.service.create({ ...item, title: '另一个' }, at(1), 'sim:m-act');
    expect(again).toEqual(item);
    const wish: ServiceItem = await store.service.create(
      {
        kind: 'wish',
        branchId,
        title: '帮王奶奶买药',
        content: '帮王奶奶买药',
        places: 1,
        points: 3,
        createdBy: 'sim:sec',
        deadline: at(60).toISOString(),
      },
      at(2),
    );
    expect(wish.id).not.toBe(item.id);
    expect(await store.service.get(wish.id)).toEqual(wish);
    expect((await store.service.list({ branchIds: [branchId] })).map((i) => i.id)).toEqual([wish.id, item.id]);
    expect((await store.service.list({ kind: 'wish' })).map((i) => i.id)).toEqual([wish.id]);
    expect(await store.service.list({ branchIds: [] })).toEqual([]);
  });

  test('racing claims never hold more places than there are; a second claim by a member is refused', async () => {
    store = await makeStore();
    const { members, item } = await setUp(store, 3);
    const outcomes = await Promise.all(
      members.slice(0, 4).map((id, i) => store.service.claim(item, id, at(1), `sim:claim-${i}`)),
    );
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['claimed', 'claimed', 'claimed', 'full']);
    const claims = await store.service.listClaims(item.id);
    expect(claims).toHaveLength(3);
    expect(claims.map((c) => c.slot).sort()).toEqual([1, 2, 3]);
    const winner = claims[0];
    const twice = await store.service.claim(item, winner.memberId, at(2), 'sim:another');
    expect(twice.outcome).toBe('already');
    const repeat = await store.service.claim(item, winner.memberId, at(3), winner.sourceKey);
    expect(repeat).toEqual({ outcome: 'claimed', claim: winner });
    expect(await store.service.listClaims(item.id)).toEqual(claims);
  });

  test('a cancelled claim frees its place; completion and confirmation happen once, in order', async () => {
    store = await makeStore();
    const { members, item } = await setUp(store, 1);
    const [a, b] = members;
    expect((await store.service.claim(item, a, at(1), 'k1')).outcome).toBe('claimed');
    expect((await store.service.claim(item, b, at(1), 'k2')).outcome).toBe('full');
    expect(await store.service.confirm(item.id, a, 'sim:sec', at(2))).toMatchObject({ status: 'claimed' });
    expect(await store.service.cancel(item.id, a)).toMatchObject({ status: 'cancelled' });
    expect((await store.service.claim(item, b, at(3), 'k3')).outcome).toBe('claimed');
    expect((await store.service.claim(item, a, at(3), 'k4')).outcome).toBe('full');
    const media = [{ sha256: 'a'.repeat(64), kind: 'image' as const }];
    const done = await store.service.complete(item.id, b, { note: '已完成', media }, at(4));
    expect(done).toMatchObject({ status: 'completed', note: '已完成', media, completedAt: at(4).toISOString() });
    expect(await store.service.cancel(item.id, b)).toMatchObject({ status: 'completed' });
    const confirmed = await store.service.confirm(item.id, b, 'sim:sec', at(5));
    expect(confirmed).toMatchObject({ status: 'confirmed', confirmedBy: 'sim:sec', confirmedAt: at(5).toISOString() });
    expect(await store.service.confirm(item.id, b, 'sim:other', at(6))).toEqual(confirmed);
    expect(await store.service.complete(item.id, b, { note: '再交', media: [] }, at(7))).toEqual(confirmed);
    expect(await store.service.complete(item.id, a, { note: '没认领', media: [] }, at(7))).toMatchObject({
      status: 'cancelled',
    });
    expect(await store.service.find(item.id, members[4])).toBeUndefined();
  });
}
