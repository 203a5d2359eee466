import type { Store } from '../../src/store/store';
import type { StoreFactory } from './contract-types';

export function blobVariantsContract(makeStore: StoreFactory): void {
  let store: Store;
  beforeEach(async () => {
    store = await makeStore();
  });
  afterEach(async () => {
    await store.close();
  });

  test('blob variants: kept under the original hash and variant name, replaced by a second put', async () => {
    const original = await store.blobs.put(Buffer.from('a photo'), 'jpg');
    expect(await store.blobs.getVariant(original.sha256, 'thumb-320')).toBeUndefined();
    await store.blobs.putVariant(original.sha256, 'thumb-320', Buffer.from('small'), 'webp');
    expect(await store.blobs.getVariant(original.sha256, 'thumb-320')).toEqual({
      bytes: Buffer.from('small'),
      ext: 'webp',
    });
    expect(await store.blobs.getVariant(original.sha256, 'thumb-640')).toBeUndefined();
    await store.blobs.putVariant(original.sha256, 'thumb-320', Buffer.from('smaller'), 'webp');
    expect((await store.blobs.getVariant(original.sha256, 'thumb-320'))?.bytes.toString()).toBe('smaller');
    // The original is untouched and a variant is not an original.
    expect((await store.blobs.get(original.sha256))?.bytes.toString()).toBe('a photo');
    expect(await store.blobs.getVariant('../etc/passwd', 'thumb-320')).toBeUndefined();
  });
}
