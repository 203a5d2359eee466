import { AsyncResource } from 'node:async_hooks';
import type { Logger } from 'pino';
import type { OutboxRepo, ChatLogRepo } from '../store/store';
import type { Clock } from '../time/clock';
import type { Platform } from '../bot/incoming-message';
import type { InThreadReply, OutboxItem, OutgoingMessage } from './outbox-types';
import { Pacer, type SendPlan } from './pacer';
import { SendBreaker } from './send-breaker';
import { chatQueues } from './chat-queues';
import { SendError, type Sender } from './sender';

export interface OutboxOptions {
  owner: string;
  maxAttempts?: number;
  batch?: number;
  leaseMs?: number;
  intervalMs?: number;
  /** Called once when an item is given up on, so a secretary can be told. */
  onFailed?: (item: OutboxItem, error: string) => Promise<void> | void;
}

const BASE_DELAY_MS = 2_000;
const ALL_PLATFORMS = Object.keys({ sim: 1, wecom: 1, dingtalk: 1 } satisfies Record<Platform, 1>) as Platform[];
const MAX_DELAY_MS = 10 * 60_000;
/** DingTalk's batchSend takes at most 20 users a call. */
const BATCH_USERS = 20;
/** In-thread replies are held only until their item's first send; a bound keeps items sent elsewhere from piling up. */
const MAX_IN_THREAD = 1_000;

/**
 * Every bot message goes through here: persisted first, then sent by the platform's sender, paced per robot,
 * retried with backoff, marked failed (never dropped) after its attempts. A restart resends whatever was not sent.
 */
export class Outbox {
  private readonly senders = new Map<Platform, Sender>();
  private readonly pacer = new Pacer();
  private readonly breaker = new SendBreaker();
  private timer?: NodeJS.Timeout;
  private draining?: Promise<number>;
  private again = false;
  private readonly drainContext = new AsyncResource('zhibu.outbox.drain');
  /** The open responses that items enqueued here may answer in, by item id (memory only: they die with the request). */
  private readonly inThread = new Map<number, InThreadReply>();
  private readonly opts: Required<Omit<OutboxOptions, 'onFailed'>> & Pick<OutboxOptions, 'onFailed'>;

  constructor(
    private readonly repo: OutboxRepo,
    private readonly chatLog: ChatLogRepo,
    private readonly clock: Clock,
    private readonly log: Logger,
    options: OutboxOptions,
  ) {
    this.opts = { maxAttempts: 8, batch: 20, leaseMs: 60_000, intervalMs: 1_000, ...options };
  }

  registerSender(sender: Sender): void {
    this.senders.set(sender.platform, sender);
  }

  /** `inThread`: the response of the request this message answers, tried before the sender's other paths. */
  async enqueue(message: OutgoingMessage, inThread?: InThreadReply): Promise<OutboxItem> {
    const item = await this.repo.enqueue(message, this.clock.now());
    if (inThread) this.holdInThread(item.id, inThread);
    this.kick();
    return item;
  }

  /** Sends what is due; concurrent callers share one drain. Returns how many items were handled. */
  drainOnce(): Promise<number> {
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
    });
    return this.draining;
  }

  start(): void {
    this.timer ??= setInterval(() => {
      void this.drainOnce().catch((err) => this.log.error({ err }, 'outbox drain failed'));
    }, this.opts.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.draining;
  }

  private holdInThread(id: number, reply: InThreadReply): void {
    this.inThread.set(id, reply);
    if (this.inThread.size > MAX_IN_THREAD) this.inThread.delete(this.inThread.keys().next().value!);
  }

  private kick(): void {
    // Enqueued while a drain is under way: that drain takes one more round instead of leaving it to the interval.
    if (this.draining) this.again = true;
    setImmediate(() =>
      // A drain is delivery, not part of the handler whose reply kicked it: it runs in the outbox's own async context,
      // so per-command contexts (the crash tests' write counting) do not follow it.
      this.drainContext.runInAsyncScope(() => {
        void this.drainOnce().catch((err) => this.log.error({ err }, 'outbox drain failed'));
      }),
    );
  }

  private async drain(): Promise<number> {
    let handled = 0;
    for (;;) {
      this.again = false;
      const items = await this.repo.claimDue(
        this.opts.owner,
        this.clock.now(),
        this.opts.batch,
        this.opts.leaseMs,
        this.claimable(),
      );
      if (items.length === 0 && !this.again) return handled;
      await this.deliverAll(items);
      handled += items.length;
      if (items.length < this.opts.batch && !this.again) return handled;
    }
  }

  /**
   * Every platform unless a sender says this instance cannot send for it now (several instances, one connection)
   * or its endpoint is down (paused by the breaker: those items stay in the store, untouched, until the pause ends).
   */
  private claimable(): { platforms?: Platform[] } {
    const standby = [...this.senders.values()].filter((s) => s.ready?.() === false).map((s) => s.platform);
    const skip = [...standby, ...this.breaker.blocked(this.clock.now().getTime())];
    return skip.length ? { platforms: ALL_PLATFORMS.filter((p) => !skip.includes(p)) } : {};
  }

  /** Items claimed before their platform's endpoint went down wait for the end of the pause, without an attempt. */
  private async heldByBreaker(item: OutboxItem): Promise<boolean> {
    const until = this.breaker.pausedUntil(item.target.platform, this.clock.now().getTime());
    if (until === undefined) return false;
    await this.repo.defer(item.id, new Date(until));
    return true;
  }

  /** 1:1 items with the same text for a sender that can batch go out together (one reminder, many members). */
  private async deliverAll(items: OutboxItem[]): Promise<void> {
    const batches = new Map<string, OutboxItem[]>();
    const singles: OutboxItem[] = [];
    for (const item of items) {
      const batchable = item.target.chatType === 'single' && this.senders.get(item.target.platform)?.sendMany;
      if (!batchable) {
        singles.push(item);
        continue;
      }
      const key = `${item.target.platform}\n${item.text}`;
      batches.set(key, [...(batches.get(key) ?? []), item]);
    }
    for (const group of batches.values()) {
      if (group.length === 1) singles.push(group[0]);
      else await this.deliverBatch(this.senders.get(group[0].target.platform)!, group);
    }
    await this.deliverByChat(singles.sort((a, b) => a.id - b.id));
  }

  /**
   * Each chat's items in order, the chats side by side: one slow answer does not hold the others back. A chat's next
   * item waits for the previous send, not for its sent mark, so the marks of every chat share one commit instead of
   * one per round of sends. A platform not known to answer is tried with one chat first (see `chatQueues`).
   */
  private async deliverByChat(items: OutboxItem[]): Promise<void> {
    const { probes, rest } = chatQueues(items, (platform) => this.breaker.answers(platform));
    const marks: Promise<void>[] = [];
    const inOrder = async (queue: OutboxItem[]) => {
      for (const item of queue) await this.deliver(item, marks);
    };
    await Promise.all(probes.map(inOrder));
    await Promise.all(rest.map(inOrder));
    await Promise.all(marks);
  }

  /** Wakes items a sender held (the chat can take them now) so the next drain sends them. */
  async wake(ids: number[]): Promise<void> {
    for (const id of ids) await this.repo.defer(id, this.clock.now());
    if (ids.length) this.kick();
  }

  /** What an item costs against the platform's limits: the sender's own plan, or one part against its robot. */
  private async planFor(sender: Sender, item: OutboxItem): Promise<SendPlan> {
    if (sender.pace) return sender.pace(item, this.inThread.get(item.id));
    const max = sender.perMinute ?? Number.POSITIVE_INFINITY;
    return {
      limits: [{ key: String((await sender.robotKey?.(item)) ?? sender.platform), max, windowMs: 60_000 }],
      parts: 1,
    };
  }

  /** A batch takes one pacing slot per platform call (≤ BATCH_USERS recipients). */
  private async deliverBatch(sender: Sender, items: OutboxItem[]): Promise<void> {
    for (let i = 0; i < items.length; i += BATCH_USERS) {
      const chunk = items.slice(i, i + BATCH_USERS);
      if (this.breaker.pausedUntil(sender.platform, this.clock.now().getTime()) !== undefined) {
        for (const item of chunk) await this.heldByBreaker(item);
        continue;
      }
      const robot = await this.planFor(sender, chunk[0]);
      const wait = this.pacer.take(robot, this.clock.now().getTime(), `batch:${chunk[0].id}`);
      if (wait > 0) {
        for (const item of chunk) await this.repo.defer(item.id, new Date(this.clock.now().getTime() + wait));
        continue;
      }
      const results = await sender.sendMany!(chunk).catch(
        (err: unknown) => new Map(chunk.map((item) => [item.id, err])),
      );
      for (const item of chunk) {
        const error = results.get(item.id);
        if (error === undefined) await this.markDelivered(item);
        else await this.onError(item, robot, error);
      }
    }
  }

  private async markDelivered(item: OutboxItem): Promise<void> {
    this.breaker.reached(item.target.platform);
    const now = this.clock.now();
    // Asked for together, so a store that group-commits writes them in one transaction: a crash between the two
    // would leave a sent reply missing from the transcript (the simulator's only record of what was delivered).
    await Promise.all([
      this.repo.markSent(item.id, now),
      this.chatLog.append({
        platform: item.target.platform,
        chatId: item.target.chatId,
        from: 'bot',
        text: item.text,
        mentions: item.mentions,
        at: now.toISOString(),
      }),
    ]);
  }

  /** `marks` collects the item's sent mark once the send went through (the caller awaits them together). */
  private async deliver(item: OutboxItem, marks: Promise<void>[]): Promise<void> {
    const sender = this.senders.get(item.target.platform);
    if (!sender)
      return this.retryLater(item, `no sender for ${item.target.platform}: configure that platform's credentials`);
    if (await this.heldByBreaker(item)) return;
    const robot = await this.planFor(sender, item);
    const wait = this.pacer.take(robot, this.clock.now().getTime(), item.id);
    if (wait > 0) {
      // Not an attempt: the robot is at its per-minute cap, so the item waits for the next free slot.
      await this.repo.defer(item.id, new Date(this.clock.now().getTime() + wait));
      return;
    }
    const inThread = this.inThread.get(item.id);
    // One chance: a response window is shorter than any retry, so a retried item takes the other paths.
    this.inThread.delete(item.id);
    try {
      await sender.send(item, inThread);
    } catch (err) {
      return this.onError(item, robot, err);
    }
    marks.push(this.markDelivered(item).catch((err: unknown) => this.onError(item, robot, err)));
  }

  private async onError(item: OutboxItem, robot: SendPlan, err: unknown): Promise<void> {
    const e = err instanceof SendError ? err : new SendError(err instanceof Error ? err.message : String(err), true);
    const detail = e.options.fix ? `${e.message}: ${e.options.fix}` : e.message;
    if (e.options.holdMs) {
      // Held, not failed: the sender has told whoever can fix it and wakes the item when the chat can take it.
      this.log.info(
        { outboxId: item.id, code: e.options.code, fix: e.options.fix },
        'outbox item held until its chat can take it',
      );
      await this.repo.defer(item.id, new Date(this.clock.now().getTime() + e.options.holdMs));
      return;
    }
    if (e.options.retryAfterMs) this.pacer.penalize(robot, this.clock.now().getTime() + e.options.retryAfterMs);
    if (e.options.unreachable) {
      const until = this.breaker.tripped(item.target.platform, this.clock.now().getTime());
      this.log.warn(
        { platform: item.target.platform, until: new Date(until).toISOString(), error: detail },
        "send endpoint unreachable: pausing the platform's sends",
      );
    }
    if (!e.retryable || item.attempts >= Math.min(this.opts.maxAttempts, e.options.maxAttempts ?? Infinity)) {
      await this.repo.markFailed(item.id, detail, this.clock.now());
      this.log.error(
        { outboxId: item.id, platform: item.target.platform, code: e.options.code, error: detail },
        'outbox item failed for good',
      );
      await this.opts.onFailed?.(item, detail);
      return;
    }
    await this.retryLater(item, detail, e.options.retryAfterMs);
  }

  private async retryLater(item: OutboxItem, error: string, minDelayMs = 0): Promise<void> {
    const backoff = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, item.attempts - 1));
    const jitter = Math.floor(Math.random() * 500);
    const next = new Date(this.clock.now().getTime() + Math.max(backoff, minDelayMs) + jitter);
    this.log.warn({ outboxId: item.id, attempts: item.attempts, error }, 'outbox send failed, will retry');
    await this.repo.markRetry(item.id, error, next);
  }
}
