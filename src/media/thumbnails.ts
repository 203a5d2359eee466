import { sharp } from './load-sharp';
import type { BlobRepo } from '../store/store';

/** The longest side of a gallery thumbnail, in pixels. */
export const THUMBNAIL_PX = 320;
const VARIANT = `thumb-${THUMBNAIL_PX}`;
/** Thumbnails made at once in this process: a page of 50 new photos queues them instead of starving the server. */
const MAX_PARALLEL = 2;

const inFlight = new Map<string, Promise<Thumbnail | undefined>>();
const waiting: Array<() => void> = [];
let running = 0;

export interface Thumbnail {
  bytes: Buffer;
  ext: string;
}

/**
 * A small WebP of a stored image, made once and kept beside the original in the blob store (content-addressed by
 * the original's hash), so a gallery of 50 photos loads 50 small files and only the first view of a photo pays for
 * the resize. Undefined when the blob is missing or is not an image sharp can read.
 */
export function thumbnailOf(blobs: BlobRepo, sha256: string): Promise<Thumbnail | undefined> {
  const pending = inFlight.get(sha256);
  if (pending) return pending;
  const made = cachedOrMade(blobs, sha256).finally(() => inFlight.delete(sha256));
  inFlight.set(sha256, made);
  return made;
}

async function cachedOrMade(blobs: BlobRepo, sha256: string): Promise<Thumbnail | undefined> {
  const cached = await blobs.getVariant(sha256, VARIANT);
  if (cached) return cached;
  const original = await blobs.get(sha256);
  if (!original) return undefined;
  const bytes = await limited(() => shrink(original.bytes)).catch(() => undefined);
  if (!bytes) return undefined;
  await blobs.putVariant(sha256, VARIANT, bytes, 'webp');
  return { bytes, ext: 'webp' };
}

/** Auto-rotated, fitted inside THUMBNAIL_PX × THUMBNAIL_PX, never enlarged; the first frame of an animation. */
const shrink = (bytes: Buffer) =>
  sharp(bytes, { failOn: 'error', limitInputPixels: 100_000_000 })
    .rotate()
    .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 70 })
    .toBuffer();

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}
