import type { Store } from '../../src/store/store';
import { T0, at, type StoreFactory } from './contract-types';

export function countersContract(makeStore: StoreFactory): void {
  let store: Store;
  beforeEach(async () => {
    store = await makeStore();
  });
  afterEach(async () => {
    await store.close();
  });

  test('counters: start at 0, add returns the running total, keys are independent', async () => {
    expect(await store.counters.get('dingtalk:app:push:2026-12')).toBe(0);
    expect(await store.counters.add('dingtalk:app:push:2026-12', 1, T0)).toBe(1);
    expect(await store.counters.add('dingtalk:app:push:2026-12', 2, at(1))).toBe(3);
    expect(await store.counters.add('dingtalk:app:api:2026-12', 5, at(1))).toBe(5);
    expect(await store.counters.get('dingtalk:app:push:2026-12')).toBe(3);
    expect(await store.counters.get('dingtalk:app:push:2027-01')).toBe(0);
  });

  test('counters: concurrent adds lose nothing and each total is seen exactly once', async () => {
    const totals = await Promise.all(Array.from({ length: 40 }, () => store.counters.add('k', 1, T0)));
    expect(totals.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await store.counters.get('k')).toBe(40);
  });
}
