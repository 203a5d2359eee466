import type { ChatType, Platform } from '../bot/incoming-message';

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
  replyHint?: Record<string, unknown>;
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
