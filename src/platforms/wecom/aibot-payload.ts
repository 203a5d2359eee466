import { z } from 'zod';

/**
 * The AI bot's (智能机器人) message JSON, identical in the HTTP callback plaintext and the long-connection frame body
 * (docs 100719; `@wecom/aibot-node-sdk` types/message.d.ts). Unknown fields are kept out by zod's default strip.
 */
const text = z.object({ content: z.string() });
const media = z.object({ url: z.string().url(), aeskey: z.string().optional() });
const mixedItem = z.object({ msgtype: z.string(), text: text.optional(), image: media.optional() });
const mixed = z.object({ msg_item: z.array(mixedItem).max(50) });

/** A quoted message: text, voice, mixed, or the image / file / video a member quotes to hand it in as proof. */
const quote = z.object({
  msgtype: z.string(),
  text: text.optional(),
  mixed: mixed.optional(),
  voice: text.optional(),
  image: media.optional(),
  file: media.optional(),
  video: media.optional(),
});

export const aibotPayloadSchema = z.object({
  msgid: z.string().min(1).max(256),
  aibotid: z.string().optional(),
  chatid: z.string().optional(),
  chattype: z.enum(['single', 'group']).default('single'),
  from: z.object({ userid: z.string().min(1).max(128) }),
  create_time: z.number().optional(),
  response_url: z.string().url().optional(),
  msgtype: z.string().min(1),
  text: text.optional(),
  image: media.optional(),
  mixed: mixed.optional(),
  voice: text.optional(),
  file: media.optional(),
  video: media.optional(),
  quote: quote.optional(),
  event: z.looseObject({ eventtype: z.string() }).optional(),
  stream: z.object({ id: z.string() }).optional(),
});

export type AibotPayload = z.infer<typeof aibotPayloadSchema>;
export type AibotMedia = z.infer<typeof media>;

export class AibotPayloadError extends Error {}

/** Validates a decrypted callback plaintext or a frame body; throws AibotPayloadError naming the field. */
export function parseAibotPayload(raw: unknown): AibotPayload {
  const parsed = aibotPayloadSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AibotPayloadError(`field ${issue.path.join('.') || '(body)'}: ${issue.message}`);
}
