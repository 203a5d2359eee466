import pLimit from 'p-limit';
import type { MediaRef, Platform } from './incoming-message';
import type { SubmissionMedia } from '../model';
import type { BlobRepo } from '../store/store';
import { ZhibuError } from '../errors';

/**
 * The most one proof file may hold: every download is read into memory before it is stored, so a fetcher stops
 * reading past this. Members' photos, short videos and documents are far below it.
 */
export const MAX_MEDIA_BYTES = 50 * 1024 * 1024;

/** What a fetcher throws when a file is past its bound: sending it again would not help, a smaller file would. */
export function mediaTooLarge(where: string, cause: Error): ZhibuError {
  return new ZhibuError('MEDIA_TOO_LARGE', `${where}: ${cause.message}`, { cause });
}

/** Downloads the bytes behind a platform media descriptor; each platform registers one. */
export type MediaFetcher = (ref: MediaRef) => Promise<{ bytes: Buffer; ext: string }>;

/**
 * Turns every `MediaRef` into stored bytes (content-addressed), so proof survives the platforms' media expiry.
 * Platform modules register fetchers; core never knows how a platform serves files.
 */
export class MediaResolver {
  private readonly fetchers = new Map<Platform, MediaFetcher>();
  private readonly downloads: pLimit.Limit;

  /**
   * `maxDownloads`: files fetched and stored at once. A download is held in memory until it is stored, and up to 128
   * handlers run at once, so without a bound members sending large videos together could hold gigabytes; four at a
   * time hold a few hundred MB at most (an AI-bot file is held encrypted and decrypted until stored), and photos of a
   * few MB still come in faster than members send them.
   */
  constructor(
    private readonly blobs: BlobRepo,
    options: { maxDownloads?: number } = {},
  ) {
    this.downloads = pLimit(options.maxDownloads ?? 4);
  }

  register(platform: Platform, fetcher: MediaFetcher): void {
    this.fetchers.set(platform, fetcher);
  }

  async materialize(ref: MediaRef): Promise<SubmissionMedia> {
    if (ref.sha256) return { sha256: ref.sha256, kind: ref.kind, name: ref.name };
    const platform = ref.source?.platform;
    const fetcher = platform && this.fetchers.get(platform);
    if (!fetcher) {
      throw new ZhibuError('MEDIA_FETCH_FAILED', `no media fetcher for ${platform ?? 'unknown platform'}`, {
        fix: "configure that platform's credentials so its media can be downloaded",
      });
    }
    const stored = await this.downloads(async () => {
      const { bytes, ext } = await fetcher(ref);
      return this.blobs.put(bytes, ext);
    });
    return { sha256: stored.sha256, kind: ref.kind, name: ref.name };
  }
}

export function extensionFor(name: string | undefined, mime: string | undefined, kind: MediaRef['kind']): string {
  const fromName = name && /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1];
  if (fromName) return fromName.toLowerCase();
  const byMime: Record<string, string> = {
    'image/jpeg': 'jpg',
    'image/png': 'png',
    'image/gif': 'gif',
    'image/webp': 'webp',
    'video/mp4': 'mp4',
    'audio/amr': 'amr',
    'application/pdf': 'pdf',
  };
  if (mime && byMime[mime]) return byMime[mime];
  return { image: 'jpg', video: 'mp4', voice: 'amr', file: 'bin' }[kind];
}

/** Sniffs the common image formats from their magic bytes (the sim and some platforms send no type). */
export function sniffImageExt(bytes: Buffer): string | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  if (bytes.length >= 6 && bytes.subarray(0, 3).toString('ascii') === 'GIF') return 'gif';
  if (
    bytes.length >= 12 &&
    bytes.subarray(0, 4).toString('ascii') === 'RIFF' &&
    bytes.subarray(8, 12).toString('ascii') === 'WEBP'
  )
    return 'webp';
  return undefined;
}
