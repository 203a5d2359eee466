import { PassiveReply } from './passive-reply';

/** Under load nobody waits: the ack goes out at once and the reply takes the response_url or a push. */
const MAX_WAITING = 8;

/** Stable per message, so a retried callback maps to the same passive reply (also the stream id WeCom sees). */
export function passiveIdFor(msgId: string): string {
  return `zb${msgId}`;
}

/**
 * Decides per callback whether its response is worth holding open for the handler's answer, and hands out the
 * per-request `PassiveReply` when it is. It keeps only a count: each reply travels with its own message.
 */
export class PassiveReplies {
  private waiting = 0;

  /** `canDeliverHere`: false on an instance whose outbox leaves WeCom sends to another (see WecomSender.ready). */
  constructor(private readonly canDeliverHere: () => boolean = () => true) {}

  /**
   * A reply for one callback, or undefined when waiting cannot help: handling is backlogged (the answer would come
   * too late for the 1-second ack), many callbacks already wait, or this instance does not send.
   */
  open(maxBytes: number, backlogged: boolean): PassiveReply | undefined {
    if (backlogged || this.waiting >= MAX_WAITING || !this.canDeliverHere()) return undefined;
    this.waiting++;
    return new PassiveReply(maxBytes, () => {
      this.waiting--;
    });
  }
}
