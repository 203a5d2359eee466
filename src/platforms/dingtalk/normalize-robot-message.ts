import type { IncomingMessage } from '../../bot/incoming-message';
import { contentParts, quotedParts } from './content-parts';
import type { RobotMessage } from './robot-message';
import { toReplyHint, type ReplyHint } from './reply-hint';

export interface NormalizeOptions {
  /** Used when the payload carries no `robotCode` (it always should for an enterprise robot). */
  robotCode: string;
  receivedAt: Date;
}

/**
 * One DingTalk robot message → the internal `IncomingMessage` (undefined for message types we do not handle).
 * Members are keyed by `senderStaffId` (the org userId) and fall back to the encrypted `senderId` for external or
 * unpublished-robot senders (pitfall 9). A 1:1 chat's id is the member's userId, as on every platform.
 */
export function normalizeRobotMessage(m: RobotMessage, opts: NormalizeOptions): IncomingMessage | undefined {
  const robotCode = m.robotCode?.trim() || opts.robotCode;
  const body = contentParts(m.msgtype, m.content, m.text?.content, robotCode);
  if (!body) return undefined;
  const staffId = m.senderStaffId?.trim() || undefined;
  const userId = staffId ?? m.senderId!.trim();
  const group = m.conversationType === '2';
  const replied = m.text?.isReplyMsg || m.text?.repliedMsg ? m.text.repliedMsg : undefined;
  const quote = quotedParts(replied, [userId, m.senderId ?? ''].filter(Boolean), robotCode);
  return {
    platform: 'dingtalk',
    msgId: m.msgId,
    chatId: group ? m.conversationId : userId,
    chatType: group ? 'group' : 'single',
    ...(group && m.conversationTitle ? { chatTitle: m.conversationTitle } : {}),
    userId,
    ...(m.senderNick ? { userName: m.senderNick } : {}),
    text: body.text,
    media: [...body.media, ...(quote?.media ?? [])],
    ...(quote?.text ? { quoteText: quote.text } : {}),
    receivedAt: opts.receivedAt.toISOString(),
    replyHint: toReplyHint(replyHintOf(m, robotCode, group ? staffId : undefined)),
  };
}

function replyHintOf(m: RobotMessage, robotCode: string, atUserId: string | undefined): ReplyHint {
  const hint: ReplyHint = { robotCode };
  if (m.sessionWebhook && m.sessionWebhookExpiredTime) {
    hint.webhook = m.sessionWebhook;
    hint.expiresAt = m.sessionWebhookExpiredTime;
  }
  if (atUserId) hint.atUserId = atUserId;
  return hint;
}
