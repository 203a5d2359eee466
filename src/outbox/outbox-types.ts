import type { ChatType, Platform, PlatformData } from '../bot/incoming-message';

/** Where a message goes. `robot` names the sending robot/key for pacing; senders fill it in when empty. */
export interface SendTarget {
  platform: Platform;
  chatId: string;
  chatType: ChatType;
}

export interface OutgoingMessage {
  target: SendTarget;
  text: string;
  /** Platform user ids to @-mention (only in groups). */
  mentions?: string[];
  /** Makes enqueueing idempotent: a second enqueue with the same key is ignored. */
  idemKey?: string;
  /** Transport hint copied from the incoming message, to reply in-thread while that is still possible. */
  replyHint?: PlatformData;
}

/**
 * A way to answer that lives only as long as one platform request (the HTTP response to the callback that
 * brought the message, as bolt's `ack`). The transport creates it per request and hands it to `bot.accept`; the
 * replies to that message are offered to it before any other path. `offer` resolves true only once the response
 * carrying the text was written out, false when the window has closed or the text does not fit: the sender then
 * takes the next path, as for any reply.
 */
export interface InThreadReply {
  offer(text: string): Promise<boolean>;
  /** Nothing will be offered (the message is handled later): the response need not wait. */
  close?(): void;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxItem extends OutgoingMessage {
  id: number;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
  createdAt: string;
  sentAt?: string;
}
