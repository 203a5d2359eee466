import type { PlatformData } from '../../bot/incoming-message';

/**
 * What a DingTalk message leaves behind for answering it: the per-conversation `sessionWebhook` (valid ≈90 min, can
 * @ people), the receiving robot and the sender to @. Carried IncomingMessage.replyHint → OutboxItem.replyHint.
 */
export type ReplyHint = {
  robotCode: string;
  webhook?: string;
  /** Epoch ms after which the session webhook is gone (`300001 session 不存在`). */
  expiresAt?: number;
  /** The asker's staff id, @-mentioned on a group reply. */
  atUserId?: string;
};

/** The hint as the core carries it (IncomingMessage.replyHint → OutboxItem.replyHint, stored as JSON). */
export function toReplyHint(hint: ReplyHint): PlatformData {
  return hint;
}

/**
 * Reads a hint back from the outbox (it went through JSON); undefined when it is not one of ours. A field of the
 * wrong type is dropped, so the sender falls back to the robot's own routes rather than a half-read session.
 */
export function readReplyHint(raw: PlatformData | undefined): ReplyHint | undefined {
  if (!raw || typeof raw.robotCode !== 'string' || raw.robotCode === '') return undefined;
  return {
    robotCode: raw.robotCode,
    webhook: typeof raw.webhook === 'string' ? raw.webhook : undefined,
    expiresAt: typeof raw.expiresAt === 'number' ? raw.expiresAt : undefined,
    atUserId: typeof raw.atUserId === 'string' ? raw.atUserId : undefined,
  };
}

/** A session webhook is used only while it has at least `marginMs` left, so a send never races its expiry. */
export function sessionUsable(
  hint: ReplyHint | undefined,
  nowMs: number,
  marginMs = 60_000,
): hint is ReplyHint & { webhook: string } {
  return Boolean(hint?.webhook && hint.expiresAt && hint.expiresAt - marginMs > nowMs);
}
