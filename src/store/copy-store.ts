import { checksumOf, type StoreDump } from './dump';
import type { OpenedStore } from './open-store-url';

export interface CollectionCheck {
  collection: string;
  source: { count: number; sha256: string };
  target: { count: number; sha256: string };
  ok: boolean;
}

export interface CopyReport {
  copied: Record<string, number>;
  blobs: { total: number; copied: number; missing: string[] };
  checks: CollectionCheck[];
  ok: boolean;
}

/**
 * `zhibu migrate`: copies every collection with its ids, then every blob, then proves the copy by comparing each
 * collection's count and checksum on both sides. Writes are upserts by key, so running it again (after a failure,
 * or to pick up what arrived meanwhile) converges instead of duplicating.
 */
export async function copyStore(
  from: OpenedStore,
  to: OpenedStore,
  progress: (line: string) => void = () => undefined,
): Promise<CopyReport> {
  const missingInTarget = from.dump.collections.filter((c) => !to.dump.collections.includes(c));
  if (missingInTarget.length)
    throw new Error(`the target cannot hold ${missingInTarget.join(', ')}: upgrade it to this version first`);
  const copied: Record<string, number> = {};
  for (const collection of from.dump.collections) {
    copied[collection] = 0;
    for await (const batch of from.dump.read(collection)) {
      await to.dump.write(collection, batch);
      copied[collection] += batch.length;
    }
    progress(`${collection}: ${copied[collection]}`);
  }
  await to.dump.finish();
  const blobs = await copyBlobs(from, to);
  progress(`证明材料 media: 新复制 ${blobs.copied} 个，已存在 ${blobs.total - blobs.copied - blobs.missing.length} 个`);
  const checks = await verify(from.dump, to.dump);
  return { copied, blobs, checks, ok: checks.every((c) => c.ok) && blobs.missing.length === 0 };
}

async function copyBlobs(from: OpenedStore, to: OpenedStore): Promise<CopyReport['blobs']> {
  const result = { total: 0, copied: 0, missing: [] as string[] };
  for await (const sha256 of from.dump.blobHashes()) {
    result.total++;
    if (await to.store.blobs.has(sha256)) continue;
    const blob = await from.store.blobs.get(sha256);
    // Content-addressed: the target recomputes the hash, so a corrupt source file shows up as a missing blob.
    const put = blob && (await to.store.blobs.put(blob.bytes, blob.ext));
    if (put && put.sha256 === sha256) result.copied++;
    else result.missing.push(sha256);
  }
  return result;
}

/** Count and checksum of every collection on both sides. */
export async function verify(source: StoreDump, target: StoreDump): Promise<CollectionCheck[]> {
  const checks: CollectionCheck[] = [];
  for (const collection of source.collections) {
    const [s, t] = [await checksumOf(source, collection), await checksumOf(target, collection)];
    checks.push({ collection, source: s, target: t, ok: s.count === t.count && s.sha256 === t.sha256 });
  }
  return checks;
}
