import type { MediaRef } from '../../src/bot/incoming-message';
import { MediaResolver } from '../../src/bot/media-resolver';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import type { Store } from '../../src/store/store';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';

const ref = (n: number): MediaRef => ({
  kind: 'file',
  name: `材料${n}.pdf`,
  source: { platform: 'wecom', via: 'aibot', url: `https://example.invalid/${n}` },
});

/** A fetcher whose downloads finish only when the test says so, counting how many are under way at once. */
function heldFetcher() {
  const waiting: Array<() => void> = [];
  let started: () => void = () => undefined;
  let inFlight = 0;
  let most = 0;
  const fetcher = async (r: MediaRef) => {
    inFlight++;
    most = Math.max(most, inFlight);
    await new Promise<void>((resolve) => {
      waiting.push(resolve);
      started();
    });
    inFlight--;
    return { bytes: Buffer.from(`bytes of ${r.name}`), ext: 'pdf' };
  };
  /** Lets the oldest download under way finish, waiting for one to start first. */
  const finishOne = async () => {
    if (waiting.length === 0) await new Promise<void>((resolve) => (started = resolve));
    waiting.shift()!();
  };
  return { fetcher, finishOne, most: () => most, inFlight: () => inFlight };
}

describe('MediaResolver', () => {
  let store: Store;
  beforeEach(async () => {
    store = await sqliteStore(tempDir('zhibu-media-'));
  });
  afterEach(async () => {
    await store.close();
  });
  afterAll(cleanupTempDirs);

  test('downloads run a few at a time: many members sending big files at once never hold all of them in memory', async () => {
    const media = new MediaResolver(store.blobs, { maxDownloads: 2 });
    const held = heldFetcher();
    media.register('wecom', held.fetcher);
    const all = Promise.all([1, 2, 3, 4, 5, 6].map((n) => media.materialize(ref(n))));
    for (let i = 0; i < 6; i++) {
      await held.finishOne();
      expect(held.inFlight()).toBeLessThanOrEqual(2);
    }
    const stored = await all;
    expect(held.most()).toBe(2);
    expect(stored.map((s) => s.name)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `材料${n}.pdf`));
    for (const s of stored) expect(await store.blobs.has(s.sha256)).toBe(true);
  });

  test('a failed download frees its place for the next one', async () => {
    const media = new MediaResolver(store.blobs, { maxDownloads: 1 });
    let calls = 0;
    media.register('wecom', async (r) => {
      calls++;
      if (r.name === '材料1.pdf') throw new Error('network down');
      return { bytes: Buffer.from('ok'), ext: 'pdf' };
    });
    const [first, second] = await Promise.allSettled([media.materialize(ref(1)), media.materialize(ref(2))]);
    expect(first.status).toBe('rejected');
    expect(second.status).toBe('fulfilled');
    expect(calls).toBe(2);
  });
});
