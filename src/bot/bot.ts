import { Context } from './context';
import type { Middleware } from './composer';
import { dedupeKey, type IncomingMessage } from './incoming-message';
import type { InThreadReply, OutboxItem } from '../outbox/outbox-types';
import type { BotServices } from './services';
import { isZhibuError } from '../errors';
import { botMetrics } from '../observability/metrics';
import { loadChat } from './load-context';
import { BackgroundHandling, type BackgroundHandlingOptions } from './background-handling';

const FAILED_TEXT = '抱歉，处理这条消息时出错了，请稍后再试；如多次失败请联系支部书记。';

export interface AcceptOptions {
  /** Start handling in a later event-loop turn, so a transport that must answer fast can acknowledge first. */
  defer?: boolean;
  /** The open response of the request that brought the message: its replies are offered there first. */
  inThread?: InThreadReply;
}

export interface ReceiveResult {
  duplicate: boolean;
  replies: OutboxItem[];
}

/**
 * The pipeline after a transport has normalized a message: durable dedupe (the inbox row is the dedupe key and the
 * persisted message at once) → ack → router → handlers. `accept` is for transports that must answer the platform
 * fast; `receive` also waits for handling (the simulator and tests, probot's `receive`).
 */
export class Bot {
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly background: BackgroundHandling;

  constructor(
    readonly services: BotServices,
    private readonly router: Middleware,
    background: BackgroundHandlingOptions = {},
  ) {
    this.background = new BackgroundHandling(background);
  }

  /** Persists and acknowledges; handling continues in the background. False for a duplicate. */
  async accept(message: IncomingMessage, options: AcceptOptions = {}): Promise<boolean> {
    const fresh = await this.persist(message);
    if (fresh) this.background.run(() => this.handle(message, options.inThread), options.defer === true);
    return fresh;
  }

  /** Deferred messages whose handling has not started yet (a transport's hint that answers will come late). */
  get backlog(): number {
    return this.background.backlog;
  }

  /** Resolves when every accepted message has been handled (tests and benchmarks await this). */
  settled(): Promise<void> {
    return this.background.settled();
  }

  async receive(message: IncomingMessage): Promise<ReceiveResult> {
    if (!(await this.persist(message))) return { duplicate: true, replies: [] };
    return { duplicate: false, replies: await this.handle(message) };
  }

  /** Handles messages that were acknowledged but not processed before a crash. */
  async recover(): Promise<number> {
    const pending = await this.services.store.inbox.listUnprocessed(10_000);
    for (const { message } of pending) await this.handle(message);
    return pending.length;
  }

  private async persist(message: IncomingMessage): Promise<boolean> {
    const fresh = await this.services.store.inbox.accept(dedupeKey(message), message, this.services.clock.now());
    botMetrics.messagesIn.inc({ platform: message.platform, duplicate: String(!fresh) });
    return fresh;
  }

  /** Messages from one sender in one chat are handled in order (a photo, then "#12", must not race). */
  private handle(message: IncomingMessage, inThread?: InThreadReply): Promise<OutboxItem[]> {
    const key = `${message.platform}:${message.chatId}:${message.userId}`;
    const previous = this.chains.get(key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.process(message, inThread));
    this.chains.set(key, run);
    void run
      .finally(() => {
        if (this.chains.get(key) === run) this.chains.delete(key);
      })
      .catch(() => undefined);
    return run;
  }

  private async process(message: IncomingMessage, inThread?: InThreadReply): Promise<OutboxItem[]> {
    const { store, clock, log } = this.services;
    const stop = botMetrics.handlerSeconds.startTimer({ platform: message.platform });
    let ctx: Context | undefined;
    try {
      ctx = new Context(message, this.services, await loadChat(store, message, clock.now()), inThread);
      await this.router(ctx, async () => undefined);
      await store.inbox.markDone(dedupeKey(message), 'done', undefined, clock.now());
    } catch (err) {
      log.error(
        { err, key: dedupeKey(message), code: isZhibuError(err) ? err.code : 'HANDLER_FAILED' },
        'handler failed',
      );
      await store.inbox.markDone(
        dedupeKey(message),
        'failed',
        err instanceof Error ? err.message : String(err),
        clock.now(),
      );
      const apology = await this.apologize(message, ctx).catch(() => undefined);
      if (!ctx && apology) return [apology];
    } finally {
      stop();
    }
    return ctx?.replies ?? [];
  }

  /** Tells the sender handling failed (through the context when there is one, so it counts among its replies). */
  private apologize(message: IncomingMessage, ctx: Context | undefined): Promise<OutboxItem> {
    if (ctx) return ctx.reply(FAILED_TEXT);
    const { platform, chatId, chatType, replyHint } = message;
    return this.services.outbox.enqueue({
      target: { platform, chatId, chatType },
      text: FAILED_TEXT,
      replyHint,
      idemKey: `${dedupeKey(message)}#0`,
    });
  }
}
