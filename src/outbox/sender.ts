import type { Platform } from '../bot/incoming-message';
import type { InThreadReply, OutboxItem } from './outbox-types';
import type { SendPlan } from './pacer';

/** Thrown by a sender; `retryable` failures are retried with backoff, others fail the item at once. */
export class SendError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly options: {
      code?: string | number;
      retryAfterMs?: number;
      fix?: string;
      /** Fewer tries than the outbox's default: a failure nobody has seen before is not retried for hours. */
      maxAttempts?: number;
      /**
       * Not a failure of this item: the chat cannot take it until something happens there (a member messages the
       * bot). The item waits this long without using up an attempt; the sender wakes it earlier when it can.
       */
      holdMs?: number;
      /**
       * The platform's endpoint did not answer (network error, timeout, 5xx): not about this item, so the outbox
       * pauses every send to the platform for a while instead of trying each queued item in turn.
       */
      unreachable?: boolean;
    } = {},
  ) {
    super(message);
    this.name = 'SendError';
  }
}

/** One per platform, implemented in src/platforms/<platform>/. */
export interface Sender {
  readonly platform: Platform;
  /**
   * The limits this item counts against and the number of parts it goes out in, as the platform documents them.
   * Without it, one part per item against `perMinute` for `robotKey`.
   */
  pace?(item: OutboxItem, inThread?: InThreadReply): Promise<SendPlan>;
  /** The robot (or webhook key) that will carry this item (used when `pace` is absent). */
  robotKey?(item: OutboxItem): string | Promise<string>;
  /** Messages per minute per robot (used when `pace` is absent); Infinity or absent for local channels. */
  readonly perMinute?: number;
  /** `inThread`: the open response of the request the item answers, when this process holds one (try it first). */
  send(item: OutboxItem, inThread?: InThreadReply): Promise<void>;
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
