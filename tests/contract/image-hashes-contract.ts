import type { Store } from '../../src/store/store';
import { T0, at, type StoreFactory } from './contract-types';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);
const entry = (submissionId: number, sha256: string, hash = '0123456789abcdef') => ({
  hash,
  sha256,
  submissionId,
  memberId: 10 + submissionId,
  taskId: 3,
});

export function imageHashesContract(makeStore: StoreFactory): void {
  let store: Store;
  beforeEach(async () => {
    store = await makeStore();
  });
  afterEach(async () => {
    await store.close();
  });

  test('image hashes: one record per (submission, image); adding it again returns the first unchanged', async () => {
    const first = await store.imageHashes.add(entry(1, SHA_A), T0);
    expect(first).toEqual({ id: first.id, ...entry(1, SHA_A), createdAt: T0.toISOString() });
    const again = await store.imageHashes.add(entry(1, SHA_A, 'ffffffffffffffff'), at(5));
    expect(again).toEqual(first);
    const other = await store.imageHashes.add(entry(2, SHA_A), at(1));
    expect(other.id).toBeGreaterThan(first.id);
    expect(await store.imageHashes.listSince(0, 10)).toEqual([first, other]);
  });

  test('image hashes: listSince returns only newer records, in id order, at most `limit`', async () => {
    const added = [];
    for (let i = 1; i <= 5; i++) added.push(await store.imageHashes.add(entry(i, i % 2 ? SHA_A : SHA_B), at(i)));
    expect(await store.imageHashes.listSince(added[1].id, 2)).toEqual(added.slice(2, 4));
    expect(await store.imageHashes.listSince(added[4].id, 10)).toEqual([]);
    expect((await store.imageHashes.listSince(0, 100)).map((r) => r.id)).toEqual(added.map((r) => r.id));
  });

  test('image hashes: racing adds of the same pair leave one record', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => store.imageHashes.add(entry(7, SHA_B), T0)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await store.imageHashes.listSince(0, 10)).toHaveLength(1);
  });
}
