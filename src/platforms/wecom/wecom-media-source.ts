import { z } from 'zod';
import type { MediaSource } from '../../bot/incoming-message';

/**
 * Where a WeCom file's bytes are: an AI-bot file URL (valid 5 minutes, encrypted with the file's own aeskey on the
 * long connection or the bot's EncodingAESKey over HTTP), or a self-built app media id (media/get, valid 3 days).
 */
const sourceSchema = z.discriminatedUnion('via', [
  z.object({ platform: z.literal('wecom'), via: z.literal('aibot'), url: z.string(), aeskey: z.string().optional() }),
  z.object({ platform: z.literal('wecom'), via: z.literal('app'), mediaId: z.string() }),
]);

export type WecomMediaSource = z.infer<typeof sourceSchema>;

/** The source as the core carries it (MediaRef.source). */
export function toMediaSource(source: WecomMediaSource): MediaSource {
  return source;
}

/** Reads a source back; undefined for anything that is not a WeCom media source. */
export function readMediaSource(data: MediaSource | undefined): WecomMediaSource | undefined {
  const parsed = sourceSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}
