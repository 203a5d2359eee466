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

export interface BotOptions extends BackgroundHandlingOptions {
  /**
   * Deferred messages waiting in memory at most. Beyond it an accepted message waits only in the inbox, where it is
   * already stored, and is read back in order once the queue runs low: a flood (a platform retrying after an outage)
   * costs inbox rows, not memory, and never runs the process out of heap.
   */
  maxWaiting?: number;
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
  private readonly maxWaiting: number;
  /** Inbox keys handed to handling and not finished: a message read back from the inbox is never started twice. */
  private readonly inFlight = new Set<string>();
  /** Accepted deferred messages wait in the inbox only, until a read finds none left there. */
  private spilling = false;
  private readingBack?: Promise<void>;

  constructor(
    readonly services: BotServices,
    private readonly router: Middleware,
    { maxWaiting = 2000, ...background }: BotOptions = {},
  ) {
    this.background = new BackgroundHandling(background);
    this.maxWaiting = maxWaiting;
  }

  /** Persists and acknowledges; handling continues in the background. False for a duplicate. */
  async accept(message: IncomingMessage, options: AcceptOptions = {}): Promise<boolean> {
    const fresh = await this.persist(message);
    if (!fresh) return false;
    const defer = options.defer === true;
    if (defer && (this.spilling || this.background.backlog >= this.maxWaiting)) {
      // Its answer comes long after this response: the transport need not wait for it.
      options.inThread?.close?.();
      this.background.arrived();
      this.spill();
    } else {
      this.start(message, defer ? 'arrived' : 'now', options.inThread);
    }
    return true;
  }

  /** Deferred messages whose handling has not started yet, at least (a transport's hint that answers come late). */
  get backlog(): number {
    return this.spilling ? Math.max(this.maxWaiting, this.background.backlog) : this.background.backlog;
  }

  /** Resolves when every accepted message has been handled (tests and benchmarks await this). */
  async settled(): Promise<void> {
    for (;;) {
      await this.background.settled();
      if (!this.readingBack) return;
      await this.readingBack;
    }
  }

  async receive(message: IncomingMessage): Promise<ReceiveResult> {
    if (!(await this.persist(message))) return { duplicate: true, replies: [] };
    // Claimed like any other: a read-back running beside it must not start it a second time (nor it one the
    // read-back already took: that one's replies then go out through the outbox alone).
    const handling = this.claim(message);
    return { duplicate: false, replies: handling ? await handling() : [] };
  }

  /**
   * Handles messages that were acknowledged but not processed before a crash: the first 10,000 now, any beyond them
   * read back in the background as spilled ones are.
   */
  async recover(): Promise<number> {
    const limit = 10_000;
    const pending = await this.services.store.inbox.listUnprocessed(limit);
    for (const { message } of pending) await this.claim(message)?.();
    if (pending.length === limit) this.spill();
    return pending.length;
  }

  /** Hands a message to handling: `now`, deferred as one that just `arrived`, or `readBack` from the inbox. */
  private start(message: IncomingMessage, how: 'now' | 'arrived' | 'readBack', inThread?: InThreadReply): void {
    const job = this.claim(message, inThread);
    if (!job) return;
    if (how === 'readBack') this.background.enqueue(job);
    else this.background.run(job, how === 'arrived');
  }

  /**
   * Marks the message in flight from now (queued counts: the inbox still shows it unprocessed) and returns its
   * handling, which unmarks it when done; undefined when it is already in flight.
   */
  private claim(message: IncomingMessage, inThread?: InThreadReply): (() => Promise<OutboxItem[]>) | undefined {
    const key = dedupeKey(message);
    if (this.inFlight.has(key)) return undefined;
    this.inFlight.add(key);
    return () => this.handle(message, inThread).finally(() => this.inFlight.delete(key));
  }

  private spill(): void {
    this.spilling = true;
    this.readingBack ??= this.readBack().finally(() => (this.readingBack = undefined));
  }

  /**
   * Reads spilled messages back from the inbox, oldest first, each time fewer than half of `maxWaiting` wait in
   * memory, until a read finds no more than it can take; then accepted messages queue in memory again. A read asks for
   * the messages in flight (still unprocessed there) plus the room left, so each read adds at least that room. One
   * more read after the switch catches a message stored before it whose accept had already decided to spill it.
   */
  private async readBack(): Promise<void> {
    const { inbox } = this.services.store;
    const take = async () => {
      const limit = this.inFlight.size + Math.max(1, this.maxWaiting - this.background.backlog);
      const rows = await inbox.listUnprocessed(limit);
      for (const { message } of rows) this.start(message, 'readBack');
      return rows.length < limit;
    };
    while (this.spilling) {
      await this.background.fewerThan(Math.ceil(this.maxWaiting / 2));
      if (await take()) this.spilling = false;
    }
    await take();
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
