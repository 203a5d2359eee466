import { z } from 'zod';
import type { PlatformData } from '../../bot/incoming-message';

/**
 * What a WeCom message leaves behind for answering it in-thread, by transport: the long connection's req_id (a
 * stream reply for 24 h), the passive-reply id of an HTTP callback (AI bot or self-built app), and the AI bot's
 * one-time response_url. `at` is when it arrived, which bounds how long each path stays valid.
 */
const hintSchema = z.discriminatedUnion('via', [
  z.object({ via: z.literal('aibot-ws'), reqId: z.string(), at: z.string(), responseUrl: z.string().optional() }),
  z.object({ via: z.literal('aibot-http'), passiveId: z.string(), at: z.string(), responseUrl: z.string().optional() }),
  z.object({ via: z.literal('app'), passiveId: z.string(), at: z.string() }),
]);

export type WecomReplyHint = z.infer<typeof hintSchema>;

/** The hint as the core carries it (IncomingMessage.replyHint → OutboxItem.replyHint, stored as JSON). */
export function toReplyHint(hint: WecomReplyHint): PlatformData {
  return hint;
}

/** Reads a hint back (it went through JSON and the store); undefined for anything that is not a WeCom hint. */
export function readReplyHint(data: PlatformData | undefined): WecomReplyHint | undefined {
  const parsed = hintSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}
