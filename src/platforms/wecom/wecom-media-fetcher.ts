import { ZhibuError, isZhibuError } from '../../errors';
import type { MediaRef } from '../../bot/incoming-message';
import {
  MAX_MEDIA_BYTES,
  extensionFor,
  mediaTooLarge,
  sniffImageExt,
  type MediaFetcher,
} from '../../bot/media-resolver';
import { AnswerTooLarge } from '../http-client';
import type { WecomAppApi } from './app-api';
import { decryptMedia } from './media-cipher';
import { downloadWecom } from './wecom-http';
import { readMediaSource, type WecomMediaSource } from './wecom-media-source';

export interface WecomMediaDeps {
  /** The AI bot's EncodingAESKey: the key of media that arrived through the HTTP callback. */
  botAesKey?: string;
  app?: WecomAppApi;
  /** The largest file downloaded (MAX_MEDIA_BYTES unless a test sets a smaller one). */
  maxBytes?: number;
}

function extOf(ref: MediaRef, bytes: Buffer, filename?: string, contentType?: string): string {
  const sniffed = ref.kind === 'image' ? sniffImageExt(bytes) : undefined;
  return sniffed ?? extensionFor(filename ?? ref.name, contentType?.split(';')[0], ref.kind);
}

type Source<V> = Extract<WecomMediaSource, { via: V }>;

async function fetchAibot(
  ref: MediaRef,
  src: Source<'aibot'>,
  deps: WecomMediaDeps,
): Promise<{ bytes: Buffer; ext: string }> {
  const key = src.aeskey ?? deps.botAesKey;
  if (!key) throw new ZhibuError('MEDIA_FETCH_FAILED', 'no key for AI-bot media', { fix: 'set WECOM_BOT_AES_KEY' });
  // The URL is valid for 5 minutes, which is why proof is downloaded while the message is handled.
  const file = await downloadWecom('aibot media download', src.url, deps.maxBytes ?? MAX_MEDIA_BYTES);
  const bytes = decryptMedia(file.bytes, key);
  return { bytes, ext: extOf(ref, bytes, file.filename, undefined) };
}

async function fetchApp(
  ref: MediaRef,
  src: Source<'app'>,
  deps: WecomMediaDeps,
): Promise<{ bytes: Buffer; ext: string }> {
  if (!deps.app)
    throw new ZhibuError('MEDIA_FETCH_FAILED', 'app media without app settings', {
      fix: 'set WECOM_CORP_ID, WECOM_AGENT_ID and WECOM_APP_SECRET',
    });
  const file = await deps.app.getMedia(src.mediaId, deps.maxBytes ?? MAX_MEDIA_BYTES);
  return { bytes: file.bytes, ext: extOf(ref, file.bytes, file.filename, file.contentType) };
}

/** Downloads WeCom proof media: AI-bot files (encrypted, aeskey) and app media (media/get, valid 3 days). */
export function wecomMediaFetcher(deps: WecomMediaDeps): MediaFetcher {
  return async (ref) => {
    const src = readMediaSource(ref.source);
    if (!src) throw new ZhibuError('MEDIA_FETCH_FAILED', 'not a wecom media source (unknown or malformed)');
    try {
      return src.via === 'aibot' ? await fetchAibot(ref, src, deps) : await fetchApp(ref, src, deps);
    } catch (err) {
      if (isZhibuError(err)) throw err;
      if (err instanceof AnswerTooLarge) throw mediaTooLarge('wecom media', err);
      throw new ZhibuError('MEDIA_FETCH_FAILED', `wecom media: ${(err as Error).message}`, { cause: err });
    }
  };
}
