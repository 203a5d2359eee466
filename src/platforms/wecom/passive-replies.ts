interface Offer {
  text: string;
  resolve: (delivered: boolean) => void;
}

interface Waiter {
  offers: Offer[];
  maxBytes: number;
  resolve: (answer: PassiveAnswer | undefined) => void;
  timer: NodeJS.Timeout;
  closing: boolean;
}

/** What a waiting callback response got: the texts to answer with, and how the answer fared on the wire. */
export interface PassiveAnswer {
  texts: string[];
  /** The route reports whether its response carrying the texts was written out (true) or lost (false). */
  settle(delivered: boolean): void;
}

/** Under load nobody waits: the ack goes out at once and the reply takes the response_url or a push. */
const MAX_WAITING = 8;
/** A response that never reports back counts as lost, so the reply is sent another way rather than hanging. */
const SETTLE_GUARD_MS = 15_000;

/** Stable per message, so a retried callback maps to the same passive reply (also the stream id WeCom sees). */
export function passiveIdFor(msgId: string): string {
  return `zb${msgId}`;
}

/**
 * Lets a reply ride in the HTTP response to the callback that caused it (the AI bot's encrypted stream reply, the
 * app's encrypted XML reply). The route waits a little for the handler's first answer; the outbox's sender offers
 * each reply here first. An offer resolves true only once the response carrying it has been written out: a
 * response lost on the way (WeCom gave up and closed the connection) resolves false, and the sender tries the
 * next path — a reply is never marked sent because it was merely handed to a response.
 */
export class PassiveReplies {
  private readonly waiters = new Map<string, Waiter>();

  /** `canDeliverHere`: false on an instance whose outbox leaves WeCom sends to another (see WecomSender.ready). */
  constructor(private readonly canDeliverHere: () => boolean = () => true) {}

  /**
   * Waits for the handler's answer when that can help: not when handling is backlogged (the answer would come too
   * late for the 1-second ack), not with many callbacks already waiting, not where this instance does not send.
   */
  waitForReply(id: string, ms: number, maxBytes: number, backlogged: boolean): Promise<PassiveAnswer | undefined> {
    if (backlogged || this.waiters.size >= MAX_WAITING || !this.canDeliverHere()) return Promise.resolve(undefined);
    return this.wait(id, ms, maxBytes);
  }

  /** Resolves with the texts offered for `id` (gathered within one event-loop turn), or undefined after `ms`. */
  wait(id: string, ms: number, maxBytes: number): Promise<PassiveAnswer | undefined> {
    if (ms <= 0 || this.waiters.has(id)) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.finish(id), ms);
      timer.unref();
      this.waiters.set(id, { offers: [], maxBytes, resolve, timer, closing: false });
    });
  }

  /** True once a waiting response carried the text out; false means "send it another way". */
  offer(id: string, text: string): Promise<boolean> {
    const w = this.waiters.get(id);
    if (!w) return Promise.resolve(false);
    const size = Buffer.byteLength([...w.offers.map((o) => o.text), text].join('\n\n'), 'utf8');
    if (size > w.maxBytes) return Promise.resolve(false);
    const delivered = new Promise<boolean>((resolve) => w.offers.push({ text, resolve }));
    // Replies to one message are enqueued together; gather what arrives in this turn into one answer.
    if (!w.closing) {
      w.closing = true;
      setImmediate(() => this.finish(id));
    }
    return delivered;
  }

  private finish(id: string): void {
    const w = this.waiters.get(id);
    if (!w) return;
    this.waiters.delete(id);
    clearTimeout(w.timer);
    if (!w.offers.length) return w.resolve(undefined);
    let settled = false;
    const settle = (delivered: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      for (const o of w.offers) o.resolve(delivered);
    };
    const guard = setTimeout(() => settle(false), SETTLE_GUARD_MS);
    guard.unref();
    w.resolve({ texts: w.offers.map((o) => o.text), settle });
  }
}
