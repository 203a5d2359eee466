import { z } from 'zod';

/**
 * The enterprise robot's message, as the HTTP callback body and as the Stream frame's `data` (KB 0718, DP
 * protocol.md). Only what we read is declared; the rest passes through. `content` differs per `msgtype` and is read
 * defensively in content-parts.ts, since real payloads vary (`pictureDownloadCode`, `"\n"` nodes, quote shapes).
 */
const id = z.string().trim().min(1, { message: '不能为空' });
const millis = z.coerce.number().int().nonnegative().optional();

export const robotMessageSchema = z
  .looseObject({
    msgId: id,
    msgtype: id,
    conversationId: id,
    conversationType: z.enum(['1', '2'], { message: '应为 "1"（单聊）或 "2"（群聊）' }),
    conversationTitle: z.string().optional(),
    senderStaffId: z.string().optional(),
    senderId: z.string().optional(),
    senderNick: z.string().optional(),
    chatbotCorpId: z.string().optional(),
    robotCode: z.string().optional(),
    sessionWebhook: z.string().optional(),
    sessionWebhookExpiredTime: millis,
    createAt: millis,
    isInAtList: z.boolean().optional(),
    text: z
      .looseObject({
        content: z.string().optional(),
        isReplyMsg: z.boolean().optional(),
        repliedMsg: z.unknown().optional(),
      })
      .optional(),
    content: z.unknown().optional(),
  })
  .refine((m) => Boolean(m.senderStaffId?.trim() || m.senderId?.trim()), {
    message: 'senderStaffId 与 senderId 都为空',
    path: ['senderId'],
  });

export type RobotMessage = z.infer<typeof robotMessageSchema>;

export class RobotMessageError extends Error {}

/** Validates a parsed body; throws `RobotMessageError` naming the first bad field. */
export function parseRobotMessage(body: unknown): RobotMessage {
  const parsed = robotMessageSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new RobotMessageError(`field ${issue.path.join('.') || '(body)'}: ${issue.message}`);
}
