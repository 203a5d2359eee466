import type { InThreadReply } from '../../outbox/outbox-types';

interface Offer {
  text: string;
  resolve: (delivered: boolean) => void;
}

/** What a waiting callback response got: the texts to answer with, and how the answer fared on the wire. */
export interface PassiveAnswer {
  texts: string[];
  /** The route reports whether its response carrying the texts was written out (true) or lost (false). */
  settle(delivered: boolean): void;
}

/** A response that never reports back counts as lost, so the reply is sent another way rather than hanging. */
const SETTLE_GUARD_MS = 15_000;
/** WeCom stops waiting for a response after 5 s; a reply nobody waits on (the route failed) closes by then too. */
const LIFETIME_MS = 5_000;

/**
 * The HTTP response of one WeCom callback (the AI bot's encrypted stream reply, the app's encrypted XML reply),
 * as a reply the handler's answer can ride in: the route creates it per request and hands it to `bot.accept`, the
 * outbox's sender offers the message's replies to it first, and the route waits on `wait` for what was offered.
 * Replies offered in one event-loop turn form one answer. An offer resolves true only once the response carrying
 * it was written out; after the window closes, or when the response is lost, it resolves false and the sender
 * takes the next path (response_url, push) — a reply is never marked sent because it was merely handed over.
 */
export class PassiveReply implements InThreadReply {
  private readonly offers: Offer[] = [];
  private state: 'open' | 'gathering' | 'closed' = 'open';
  private timer: NodeJS.Timeout;
  private resolveAnswer!: (answer: PassiveAnswer | undefined) => void;
  private readonly answer = new Promise<PassiveAnswer | undefined>((resolve) => {
    this.resolveAnswer = resolve;
  });

  /** `maxBytes`: what one answer may hold; `onClose`: told once when the window closes. */
  constructor(
    private readonly maxBytes: number,
    private readonly onClose: () => void = () => undefined,
  ) {
    this.timer = this.closeAfter(LIFETIME_MS);
  }

  /** True once a response carried the text out; false means "send it another way". */
  offer(text: string): Promise<boolean> {
    if (this.state === 'closed') return Promise.resolve(false);
    const size = Buffer.byteLength([...this.offers.map((o) => o.text), text].join('\n\n'), 'utf8');
    if (size > this.maxBytes) return Promise.resolve(false);
    const delivered = new Promise<boolean>((resolve) => this.offers.push({ text, resolve }));
    if (this.state === 'open') {
      this.state = 'gathering';
      setImmediate(() => this.close());
    }
    return delivered;
  }

  /** The answer offered within `ms` (resolved at once when it came earlier), or undefined: answer with an empty ack. */
  wait(ms: number): Promise<PassiveAnswer | undefined> {
    if (this.state === 'open') {
      clearTimeout(this.timer);
      this.timer = this.closeAfter(Math.min(ms, LIFETIME_MS));
    }
    return this.answer;
  }

  private closeAfter(ms: number): NodeJS.Timeout {
    if (ms <= 0) {
      this.close();
      return this.timer;
    }
    const timer = setTimeout(() => this.close(), ms);
    timer.unref();
    return timer;
  }

  /** Ends the window: what was offered so far is the answer; later offers resolve false. */
  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    clearTimeout(this.timer);
    this.onClose();
    if (!this.offers.length) return this.resolveAnswer(undefined);
    const offers = [...this.offers];
    let settled = false;
    const settle = (delivered: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      for (const o of offers) o.resolve(delivered);
    };
    const guard = setTimeout(() => settle(false), SETTLE_GUARD_MS);
    guard.unref();
    this.resolveAnswer({ texts: offers.map((o) => o.text), settle });
  }
}
