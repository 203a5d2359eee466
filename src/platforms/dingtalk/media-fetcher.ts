import { ZhibuError } from '../../errors';
import type { MediaRef } from '../../bot/incoming-message';
import {
  MAX_MEDIA_BYTES,
  extensionFor,
  mediaTooLarge,
  sniffImageExt,
  type MediaFetcher,
} from '../../bot/media-resolver';
import type { DingtalkApi } from './dingtalk-api';
import { DingtalkApiError } from './dingtalk-api-error';
import { readMediaSource } from './dingtalk-media-source';
import { AnswerTooLarge, downloadHttp } from '../http-client';

export interface MediaFetcherOptions {
  /** Used when a media reference carries no robotCode of its own. */
  robotCode: string;
  maxBytes?: number;
  timeoutMs?: number;
}

const FIXES: Record<string, string> = {
  'invalidParameter.robotCode.downloadCode':
    'the download code is wrong or expired: ask the member to send the file again',
  'invalidParameter.robotCode.auth': 'the download code belongs to another robot or org: check DINGTALK_ROBOT_CODE',
};

/** The right extension for stored bytes: DingTalk names every download `.file` (KB 0719). */
function extensionOf(ref: MediaRef, declaredExt: string | undefined, bytes: Buffer, mime: string | undefined): string {
  const declared = declaredExt?.toLowerCase();
  if (ref.kind === 'image') return sniffImageExt(bytes) ?? extensionFor(undefined, mime, 'image');
  if (ref.kind === 'voice') {
    if (bytes.subarray(0, 4).toString('latin1') === 'OggS') return 'ogg';
    if (bytes.subarray(0, 5).toString('latin1') === '#!AMR') return 'amr';
  }
  return declared ?? extensionFor(ref.name, mime, ref.kind);
}

async function download(url: string, maxBytes: number, timeoutMs: number): Promise<{ bytes: Buffer; mime?: string }> {
  // One retry: the temporary file URLs answer an occasional 502 (soimy#270).
  for (let attempt = 0; ; attempt++) {
    const res = await downloadHttp(url, { maxBytes, timeoutMs }).catch((err: unknown) => err as Error);
    if (!(res instanceof Error) && res.ok) {
      return { bytes: res.bytes, mime: res.headers['content-type']?.split(';')[0].trim() || undefined };
    }
    if (res instanceof AnswerTooLarge) throw res;
    const transient = res instanceof Error || res.status >= 500;
    if (!transient || attempt >= 1)
      throw new Error(res instanceof Error ? res.message : `download answered HTTP ${res.status}`);
  }
}

/**
 * DingTalk proof media: `robot/messageFiles/download` (downloadCode + the receiving robot's robotCode) gives a
 * temporary URL, whose bytes are returned for content-addressed storage. Codes expire, so this runs while the
 * message is being handled, right after it was accepted.
 */
export function dingtalkMediaFetcher(api: DingtalkApi, opts: MediaFetcherOptions): MediaFetcher {
  const maxBytes = opts.maxBytes ?? MAX_MEDIA_BYTES;
  return async (ref) => {
    const source = readMediaSource(ref.source);
    if (!source) throw new ZhibuError('MEDIA_FETCH_FAILED', 'dingtalk media reference without a downloadCode');
    const { downloadCode } = source;
    const robotCode = source.robotCode ?? opts.robotCode;
    let url: string | undefined;
    try {
      url = (await api.post<{ downloadUrl?: string }>('/v1.0/robot/messageFiles/download', { downloadCode, robotCode }))
        .downloadUrl;
    } catch (cause) {
      const fix = cause instanceof DingtalkApiError ? FIXES[cause.code] : undefined;
      throw new ZhibuError('MEDIA_FETCH_FAILED', `dingtalk messageFiles/download failed: ${(cause as Error).message}`, {
        fix,
        cause,
      });
    }
    if (!url)
      throw new ZhibuError('MEDIA_FETCH_FAILED', 'dingtalk messageFiles/download answered without a downloadUrl');
    try {
      const { bytes, mime } = await download(url, maxBytes, opts.timeoutMs ?? 60_000);
      return { bytes, ext: extensionOf(ref, source.ext, bytes, mime) };
    } catch (cause) {
      if (cause instanceof AnswerTooLarge) throw mediaTooLarge('dingtalk file download', cause);
      throw new ZhibuError('MEDIA_FETCH_FAILED', `dingtalk file download failed: ${(cause as Error).message}`, {
        cause,
      });
    }
  };
}
