import type { Store } from '../../src/store/store';

/** How a contract gets a fresh, empty store for each test (keyv's storageTestSuite pattern). */
export type StoreFactory = () => Promise<Store>;

export const T0 = new Date('2026-12-01T02:00:00.000Z');
export const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
