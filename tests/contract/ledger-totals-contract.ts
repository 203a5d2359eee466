import type { LedgerEntry } from '../../src/model';
import type { LedgerFilter, Store } from '../../src/store/store';
import { rankByScore } from '../../src/points/ranking';
import { T0, at, type StoreFactory } from './contract-types';

/** A small deterministic generator, so a failure names the same bookings on every run. */
function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** What a balance is by definition: the entries' deltas, summed straight from the ledger. */
function recomputed(entries: LedgerEntry[], memberIds: number[], r: LedgerFilter): Map<number, number> {
  const wanted = new Set(memberIds);
  const out = new Map<number, number>();
  for (const e of entries) {
    const t = new Date(e.createdAt);
    if (!wanted.has(e.memberId) || (r.from && t < r.from) || (r.to && t >= r.to)) continue;
    if (r.branchId !== undefined && e.branchId !== r.branchId) continue;
    if (r.category !== undefined && (e.category ?? 'study') !== r.category) continue;
    out.set(e.memberId, (out.get(e.memberId) ?? 0) + e.delta);
  }
  return out;
}

/**
 * Balances are derived from the ledger even where an adapter keeps running totals beside it: random bookings
 * (repeats, corrections, entries without a branch) must give, for every window and branch, the sums recomputed from
 * the entries themselves.
 */
export function ledgerTotalsContract(makeStore: StoreFactory): void {
  let store: Store;
  afterEach(async () => {
    await store.close();
  });

  test('running totals equal the sums recomputed from the ledger, for any branch, window and category', async () => {
    store = await makeStore();
    const branches = [];
    for (const name of ['甲支部', '乙支部', '丙支部'])
      branches.push((await store.branches.create({ name, kind: 'home' }, T0)).id);
    const members: number[] = [];
    for (let i = 0; i < 6; i++)
      members.push((await store.members.create({ name: `党员${i}`, homeBranchId: branches[i % 3] }, T0)).id);
    const rand = prng(20261206);
    const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
    let repeats = 0;
    for (let n = 0; n < 150; n++) {
      // About one booking in six repeats an earlier key (a redelivered message), which must add nothing.
      const key = n > 10 && rand() < 0.17 ? `k${Math.floor(rand() * n)}` : `k${n}`;
      const booked = await store.ledger.append(
        {
          memberId: pick(members),
          delta: pick([10, 5, 2, -3, -10, 1]),
          reason: '随机',
          kind: pick(['task', 'manual', 'correction'] as const),
          branchId: rand() < 0.15 ? undefined : pick(branches),
          // Entries without a category (booked before the split) count as 学习, like those that say so.
          ...(rand() < 0.5 ? {} : { category: pick(['study', 'service'] as const) }),
          actor: 'sim:sec',
          idemKey: key,
        },
        at(Math.floor(rand() * 600)),
      );
      if (!booked) repeats++;
    }
    expect(repeats).toBeGreaterThan(5);
    const entries = await store.ledger.list();
    expect(entries).toHaveLength(150 - repeats);
    expect(new Set(entries.map((e) => e.category))).toEqual(new Set([undefined, 'study', 'service']));
    const listed = await store.ledger.list({ category: 'service' });
    expect(listed.map((e) => e.id)).toEqual(entries.filter((e) => e.category === 'service').map((e) => e.id));
    const ids = [...members, members[0], 999_999];
    const windows: LedgerFilter[] = [
      {},
      { from: at(200) },
      { to: at(300) },
      { from: at(100), to: at(400) },
      { to: at(0) },
      { to: at(10_000) },
    ];
    for (const w of windows) {
      for (const branchId of [undefined, ...branches]) {
        for (const category of [undefined, 'study', 'service'] as const) {
          const r = { ...w, branchId, category };
          expect([r, await store.ledger.totals(ids, r)]).toEqual([r, recomputed(entries, ids, r)]);
        }
      }
    }
    for (const id of ids) {
      const sum = (r: LedgerFilter) => recomputed(entries, [id], r).get(id) ?? 0;
      expect([id, await store.ledger.memberSummary(id, [at(200), at(100), at(10_000)])]).toEqual([
        id,
        {
          total: sum({}),
          service: sum({ category: 'service' }),
          since: [sum({ from: at(200) }), sum({ from: at(100) }), 0],
        },
      ]);
    }
  });

  test('totals for a list longer than one query holds (a province-wide board) count each member once', async () => {
    store = await makeStore();
    const branchId = (await store.branches.create({ name: '甲支部', kind: 'home' }, T0)).id;
    const a = (await store.members.create({ name: '甲', homeBranchId: branchId }, T0)).id;
    const b = (await store.members.create({ name: '乙', homeBranchId: branchId }, T0)).id;
    await store.ledger.append(
      { memberId: a, delta: 7, reason: '任务', kind: 'task', branchId, actor: 'system', idemKey: 'x1' },
      T0,
    );
    await store.ledger.append(
      { memberId: b, delta: 3, reason: '任务', kind: 'task', branchId, actor: 'system', idemKey: 'x2' },
      at(5),
    );
    const absent = Array.from({ length: 1_200 }, (_, i) => 500_000 + i);
    const ids = [...absent.slice(0, 700), a, ...absent.slice(700), b, a];
    expect(await store.ledger.totals(ids)).toEqual(
      new Map([
        [a, 7],
        [b, 3],
      ]),
    );
    expect(await store.ledger.totals(ids, { branchId, to: at(1) })).toEqual(new Map([[a, 7]]));
    // Entries netting to 0 still put a member on the board (with 0); a member listed in several chunks counts once
    // for every window, branch and category.
    const book = (memberId: number, delta: number, key: string, minutes: number, category?: 'service') =>
      store.ledger.append(
        { memberId, delta, reason: '任务', kind: 'task', branchId, actor: 'system', idemKey: key, category },
        at(minutes),
      );
    await book(b, 4, 'y1', 10, 'service');
    await book(b, -4, 'y2', 20, 'service');
    await book(a, 2, 'y3', 30);
    await book(b, 1, 'y4', 30, 'service');
    const entries = await store.ledger.list();
    const twice = [b, ...absent, a, ...absent.slice(0, 600), b];
    for (const w of [{}, { to: at(25) }, { from: at(10) }, { from: at(5), to: at(30) }])
      for (const category of [undefined, 'study', 'service'] as const)
        for (const r of [
          { ...w, category },
          { ...w, category, branchId },
        ]) {
          expect([r, await store.ledger.totals(twice, r)]).toEqual([r, recomputed(entries, twice, r)]);
        }
    expect(await store.ledger.totals(twice, { category: 'service', to: at(25) })).toEqual(new Map([[b, 0]]));
  });

  test("a member's standing is their place in the branch's all-time board: ties share a rank, only active members count", async () => {
    store = await makeStore();
    const [home, host] = [
      (await store.branches.create({ name: '甲支部', kind: 'home' }, T0)).id,
      (await store.branches.create({ name: '乙支部', kind: 'host' }, T0)).id,
    ];
    const member = async (name: string, fields: { hostBranchId?: number; status?: 'lost' } = {}) => {
      const m = await store.members.create({ name, homeBranchId: home, ...fields }, T0);
      return fields.status ? (await store.members.update(m.id, { status: fields.status }, T0)).id : m.id;
    };
    const [a, b, c, d, gone] = [
      await member('甲', { hostBranchId: host }),
      await member('乙'),
      await member('丙', { hostBranchId: host }),
      await member('丁'),
      await member('戊', { status: 'lost' }),
    ];
    const book = (memberId: number, delta: number, branchId: number | undefined, key: string) =>
      store.ledger.append(
        { memberId, delta, reason: '任务', kind: 'task', branchId, actor: 'system', idemKey: key },
        T0,
      );
    await book(a, 10, home, 'h1');
    await book(b, 10, home, 'h2');
    await book(c, 4, home, 'h3');
    await book(gone, 50, home, 'h4');
    await book(a, 3, host, 'o1');
    await book(c, 8, host, 'o2');
    await book(d, 99, undefined, 'none');
    const board = async (branchId: number) => {
      const members = await store.members.listByBranch(branchId, { status: 'active' });
      const totals = await store.ledger.totals(
        members.map((x) => x.id),
        { branchId },
      );
      return rankByScore(
        members,
        (x) => totals.get(x.id) ?? 0,
        (x) => x.name,
      );
    };
    for (const branchId of [home, host]) {
      const ranked = await board(branchId);
      for (const id of [a, b, c, d, gone]) {
        const mine = ranked.find((r) => r.item.id === id);
        const expected = mine
          ? { total: mine.score, rank: mine.rank, of: ranked.length }
          : { total: 0, of: ranked.length };
        expect([branchId, id, await store.ledger.standing(id, branchId)]).toEqual([branchId, id, expected]);
      }
    }
    expect(await store.ledger.standing(a, home)).toEqual({ total: 10, rank: 1, of: 4 });
    expect(await store.ledger.standing(b, home)).toEqual({ total: 10, rank: 1, of: 4 });
    expect(await store.ledger.standing(c, home)).toEqual({ total: 4, rank: 3, of: 4 });
    expect(await store.ledger.standing(gone, home)).toEqual({ total: 0, of: 4 });
    expect(await store.ledger.standing(c, host)).toEqual({ total: 8, rank: 1, of: 2 });
  });
}
