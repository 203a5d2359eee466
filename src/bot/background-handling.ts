import { Arrivals, type Millis } from './arrivals';

export interface BackgroundHandlingOptions {
  /** How long one event-loop turn may spend starting deferred handlers before I/O (acknowledgements) runs again. */
  sliceMs?: number;
  /** How long after the last deferred arrival a burst counts as over (handling then takes whole slices again). */
  quietMs?: number;
  /** Shared with other work that steps aside for acknowledgements (the proof checks); else built from `quietMs`. */
  arrivals?: Arrivals;
  /** Under a burst, the longest one handler waiting on I/O holds back the next (a slow download must not stall all). */
  pressedWaitMs?: number;
  /**
   * Handlers in flight at most: a drained backlog of thousands must not hold thousands of contexts in memory. 128, not
   * fewer: the handlers in flight share the store's group commits, and with 16 the handled burst cost 4,900 µs of CPU
   * per message against 3,100 with 128 (and 3,450 with no bound), for no lower peak RSS.
   */
  maxRunning?: number;
  /**
   * Handlers started together once arrivals are quiet, before the loop turns: their first writes then share one group
   * commit. One at a time, a 3,000-message burst took 3,850 commits of ~9 writes and 2,900 µs of CPU per handled
   * message; eight at a time, 1,190 commits and 1,420 µs (390 → 860 handled messages/s).
   */
  startsPerTurn?: number;
  now?: Millis;
}

type Job = () => Promise<unknown>;

/**
 * The handling `Bot.accept` runs after it has acknowledged a message. With a synchronous store a handler runs to its
 * end before the event loop reads the next request, so a transport that must answer fast asks for `defer`: the
 * handler then starts in a later event-loop turn. Deferred handlers run in slices of at most `sliceMs` per turn —
 * `startsPerTurn` at a time while they finish within the turn, and without waiting for ones waiting on real I/O —
 * so acknowledgements get the loop between slices. While deferred messages keep arriving (a burst), acknowledgements
 * come first: handlers start one at a time, each after the previous one has finished (or waited `pressedWaitMs` on
 * I/O) and the loop has turned once, so a handler's later steps never crowd out the acks; the backlog is handled at
 * full pace once arrivals have been quiet for `quietMs`. Deferred messages are already in the inbox, so a crash loses
 * nothing: `Bot.recover` handles them on the next start.
 */
export class BackgroundHandling {
  private readonly queue: Job[] = [];
  private readonly sliceMs: number;
  private readonly arrivals: Arrivals;
  private readonly pressedWaitMs: number;
  private readonly maxRunning: number;
  private readonly startsPerTurn: number;
  private slotWaiters: Array<() => void> = [];
  private readonly now: Millis;
  private running = 0;
  private turning = false;
  private idleWaiters: Array<() => void> = [];
  private lowWaiters: Array<{ n: number; resolve: () => void }> = [];

  constructor(options: BackgroundHandlingOptions = {}) {
    this.sliceMs = options.sliceMs ?? 5;
    this.pressedWaitMs = options.pressedWaitMs ?? 100;
    this.maxRunning = options.maxRunning ?? 128;
    this.startsPerTurn = options.startsPerTurn ?? 8;
    this.now = options.now ?? (() => performance.now());
    this.arrivals = options.arrivals ?? new Arrivals(options.quietMs ?? 50, this.now);
    this.arrivals.countBacklog(() => this.queue.length + this.running);
  }

  /** Deferred handlers not started yet. */
  get backlog(): number {
    return this.queue.length;
  }

  /** A deferred message arrived that waits elsewhere (in the inbox): the burst is on all the same. */
  arrived(): void {
    this.arrivals.note();
  }

  /** Resolves once fewer than `n` deferred handlers wait to start. */
  fewerThan(n: number): Promise<void> {
    if (this.queue.length < n) return Promise.resolve();
    return new Promise((resolve) => this.lowWaiters.push({ n, resolve }));
  }

  /** Starts `job` now, or (deferred) in a later event-loop turn, in the order asked. */
  run(job: Job, defer: boolean): void {
    if (!defer) {
      void this.start(job);
      return;
    }
    this.arrivals.note();
    this.enqueue(job);
  }

  /** Queues `job` after the others, as a deferred one that is no new arrival (a message read back from the inbox). */
  enqueue(job: Job): void {
    this.queue.push(job);
    if (this.turning) return;
    this.turning = true;
    setImmediate(() => void this.turn());
  }

  /** Resolves when nothing waits or runs (tests and benchmarks await this). */
  settled(): Promise<void> {
    if (this.idle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async turn(): Promise<void> {
    let sliceStart = this.now();
    let nextTurn = turnEnds();
    while (this.queue.length > 0) {
      if (this.arriving()) {
        nextTurn.cancel();
        await this.startPressed(this.queue.shift()!);
        [sliceStart, nextTurn] = [this.now(), turnEnds()];
        continue;
      }
      if (this.running >= this.maxRunning) {
        nextTurn.cancel();
        await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
        [sliceStart, nextTurn] = [this.now(), turnEnds()];
        continue;
      }
      if (this.now() - sliceStart >= this.sliceMs) {
        await new Promise((resolve) => setImmediate(resolve));
        [sliceStart, nextTurn] = [this.now(), turnEnds()];
        continue;
      }
      const n = Math.min(this.queue.length, this.maxRunning - this.running, this.startsPerTurn);
      const started = Array.from({ length: n }, () => this.start(this.queue.shift()!));
      // Handlers that finish within this turn are awaited, so the slice measures their whole cost; ones that wait on
      // I/O let the next start once the loop has turned (the slice ends there, as acknowledgements had their go).
      if ((await Promise.race([Promise.all(started).then(() => false), nextTurn.promise])) === true) {
        [sliceStart, nextTurn] = [this.now(), turnEnds()];
      }
    }
    nextTurn.cancel();
    this.turning = false;
    this.checkIdle();
  }

  /** Deferred messages are still arriving: their acknowledgements must not wait behind handlers. */
  private arriving(): boolean {
    return this.arrivals.busy();
  }

  /** Starts one job and returns once it has finished (or waited `pressedWaitMs`) and the loop has turned after it. */
  private async startPressed(job: Job): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.pressedWaitMs);
    });
    await Promise.race([this.start(job), waited]);
    clearTimeout(timer);
    await new Promise((resolve) => setImmediate(resolve));
  }

  private start(job: Job): Promise<void> {
    this.running++;
    if (this.lowWaiters.length) this.wakeLowWaiters();
    return job()
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.running--;
        this.slotWaiters.shift()?.();
        this.checkIdle();
      });
  }

  private wakeLowWaiters(): void {
    const ready = this.lowWaiters.filter((w) => this.queue.length < w.n);
    this.lowWaiters = this.lowWaiters.filter((w) => this.queue.length >= w.n);
    for (const w of ready) w.resolve();
  }

  private idle(): boolean {
    return this.queue.length === 0 && this.running === 0 && !this.turning;
  }

  private checkIdle(): void {
    if (!this.idle() || this.idleWaiters.length === 0) return;
    // A sender's next message (Bot chains them per sender) enters a moment after this one ends: look again later.
    setImmediate(() => {
      if (this.idle()) this.idleWaiters.splice(0).forEach((resolve) => resolve());
    });
  }
}

/** A promise that resolves (to true) in the next event-loop turn, after pending I/O callbacks have run. */
function turnEnds(): { promise: Promise<true>; cancel(): void } {
  let timer: NodeJS.Immediate | undefined;
  const promise = new Promise<true>((resolve) => {
    timer = setImmediate(() => resolve(true));
  });
  return { promise, cancel: () => clearImmediate(timer) };
}
