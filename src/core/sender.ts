import type { Platform } from './incoming-message';
import type { OutboxItem } from './outbox-types';

/** Thrown by a sender; `retryable` failures are retried with backoff, others fail the item at once. */
export class SendError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly options: { code?: string | number; retryAfterMs?: number; fix?: string } = {},
  ) {
    super(message);
    this.name = 'SendError';
  }
}

/** One per platform, implemented in src/platforms/<platform>/. */
export interface Sender {
  readonly platform: Platform;
  /** The robot (or webhook key) that will carry this item; pacing is per robot. */
  robotKey(item: OutboxItem): string | Promise<string>;
  /** Messages per minute this robot may send; Infinity for local channels. */
  readonly perMinute: number;
  send(item: OutboxItem): Promise<void>;
  /**
   * Optional: sends several 1:1 items with the same text in as few platform calls as it can (DingTalk batchSend
   * takes 20 users a call), returning each item's failure, if any. The outbox groups items for it.
   */
  sendMany?(items: OutboxItem[]): Promise<Map<number, SendError | undefined>>;
  /**
   * False while this instance cannot send for the platform (another bot instance holds its long connection): the
   * outbox then leaves that platform's items to the holder. Absent means always ready.
   */
  ready?(): boolean;
}
