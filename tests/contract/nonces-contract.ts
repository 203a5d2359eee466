import type { Store } from '../../src/store/store';
import { T0, at, type StoreFactory } from './contract-types';

export function noncesContract(makeStore: StoreFactory): void {
  let store: Store;
  beforeEach(async () => {
    store = await makeStore();
  });
  afterEach(async () => {
    await store.close();
  });

  test('nonces: a key is claimed once; the same fingerprint again is a redelivery; another is refused until expiry', async () => {
    expect(await store.nonces.claim('dt:1:s', 'body-a', at(60), T0)).toBe(true);
    expect(await store.nonces.claim('dt:1:s', 'body-a', at(60), at(1))).toBe(true);
    expect(await store.nonces.claim('dt:1:s', 'body-b', at(60), at(2))).toBe(false);
    expect(await store.nonces.claim('dt:2:s', 'body-b', at(60), at(2))).toBe(true);
    expect(await store.nonces.claim('dt:1:s', 'body-b', at(120), at(60))).toBe(true);
    expect(await store.nonces.claim('dt:1:s', 'body-a', at(120), at(61))).toBe(false);
  });

  test('nonces: racing claims of one key with different fingerprints have exactly one winner', async () => {
    const wins = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((fp) => store.nonces.claim('dt:race', fp, at(60), T0)),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
  });
}
