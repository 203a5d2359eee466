interface Waiter {
  texts: string[];
  maxBytes: number;
  resolve: (texts: string[] | undefined) => void;
  timer: NodeJS.Timeout;
  closing: boolean;
}

/** Under load nobody waits: the ack goes out at once and the reply takes the response_url or a push. */
const MAX_WAITING = 8;

/** Stable per message, so a retried callback maps to the same passive reply (also the stream id WeCom sees). */
export function passiveIdFor(msgId: string): string {
  return `zb${msgId}`;
}

/**
 * Lets a reply ride in the HTTP response to the callback that caused it (the AI bot's encrypted stream reply, the
 * app's encrypted XML reply). The route waits a little for the handler's first answer; the outbox's sender offers
 * each reply here first and, if nobody is waiting any more, falls back to an API. Nothing is marked sent unless a
 * waiting response took it, so a reply can never be lost between the two.
 */
export class PassiveReplies {
  private readonly waiters = new Map<string, Waiter>();

  /** `canDeliverHere`: false on an instance whose outbox leaves WeCom sends to another (see WecomSender.ready). */
  constructor(private readonly canDeliverHere: () => boolean = () => true) {}

  /**
   * Waits for the handler's answer when that can help: not when handling is backlogged (the answer would come too
   * late for the 1-second ack), not with many callbacks already waiting, not where this instance does not send.
   */
  waitForReply(id: string, ms: number, maxBytes: number, backlogged: boolean): Promise<string[] | undefined> {
    if (backlogged || this.waiters.size >= MAX_WAITING || !this.canDeliverHere()) return Promise.resolve(undefined);
    return this.wait(id, ms, maxBytes);
  }

  /** Resolves with the texts offered for `id` (gathered within one event-loop turn), or undefined after `ms`. */
  wait(id: string, ms: number, maxBytes: number): Promise<string[] | undefined> {
    if (ms <= 0 || this.waiters.has(id)) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.finish(id), ms);
      timer.unref();
      this.waiters.set(id, { texts: [], maxBytes, resolve, timer, closing: false });
    });
  }

  /** True when a waiting response took the text; false means "send it another way". */
  offer(id: string, text: string): boolean {
    const w = this.waiters.get(id);
    if (!w) return false;
    const size = Buffer.byteLength([...w.texts, text].join('\n\n'), 'utf8');
    if (size > w.maxBytes) return false;
    w.texts.push(text);
    // Replies to one message are enqueued together; gather what arrives in this turn into one answer.
    if (!w.closing) {
      w.closing = true;
      setImmediate(() => this.finish(id));
    }
    return true;
  }

  private finish(id: string): void {
    const w = this.waiters.get(id);
    if (!w) return;
    this.waiters.delete(id);
    clearTimeout(w.timer);
    w.resolve(w.texts.length ? w.texts : undefined);
  }
}
