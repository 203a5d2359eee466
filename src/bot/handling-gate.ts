import type { Middleware } from './composer';
import type { IncomingMessage } from './incoming-message';

/**
 * Lets a platform's acknowledgements outpace handling under load. `Bot.accept` persists a message and starts its
 * handling at once; with a synchronous store that handling runs to the end before the event loop reads the next
 * request, so a burst of callbacks would wait behind each other's handlers and the platform would retry them.
 * A transport that must answer fast marks its messages with `defer`; their handling then starts in a later
 * event-loop turn, `perTurn` at a time — and during a burst (several callbacks between two turns), at most one
 * start per `busyGapMs`, so acknowledging them keeps most of the loop. When the burst ends the backlog drains at
 * full speed. Unmarked messages (the simulator, tests, recovery) pass straight through. Deferred messages are already in the inbox, so a
 * crash loses nothing: `Bot.recover` handles them on the next start.
 */
export class HandlingGate {
  private readonly marked = new WeakSet<IncomingMessage>();
  private readonly queue: Array<() => void> = [];
  private running = 0;
  private scheduled = false;
  private idleWaiters: Array<() => void> = [];
  /** Deferred messages that arrived since the last turn. */
  private arrivals = 0;
  private lastStart = -Infinity;

  constructor(private readonly perTurn = 1, private readonly busyGapMs = 20) {}

  defer(message: IncomingMessage): void {
    this.marked.add(message);
    this.arrivals++;
  }

  /** Deferred messages waiting for their turn. */
  get backlog(): number {
    return this.queue.length;
  }

  /** Resolves when no deferred message waits or is being handled (tests and benchmarks await this). */
  settled(): Promise<void> {
    if (this.queue.length === 0 && this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  readonly middleware: Middleware = async (ctx, next) => {
    if (!this.marked.has(ctx.message)) return next();
    this.marked.delete(ctx.message);
    await new Promise<void>((resolve) => { this.queue.push(resolve); this.schedule(); });
    try {
      await next();
    } finally {
      this.running--;
      this.checkIdle();
    }
  };

  private schedule(delayMs = 0): void {
    if (this.scheduled) return;
    this.scheduled = true;
    if (delayMs > 0) setTimeout(() => this.turn(), delayMs);
    else setImmediate(() => this.turn());
  }

  private turn(): void {
    this.scheduled = false;
    // Several callbacks since the last turn is a burst; a message now and then is handled at once.
    const busy = this.arrivals > 1;
    this.arrivals = 0;
    const wait = busy ? this.lastStart + this.busyGapMs - performance.now() : 0;
    if (wait > 0) {
      // Callbacks are arriving: let them be acknowledged first (a timer, not a spin, until the gap has passed).
      this.schedule(Math.ceil(wait));
      return;
    }
    this.lastStart = performance.now();
    for (let i = 0; i < this.perTurn && this.queue.length > 0; i++) {
      this.running++;
      this.queue.shift()!();
    }
    if (this.queue.length > 0) this.schedule();
  }

  private checkIdle(): void {
    if (this.queue.length > 0 || this.running > 0 || this.idleWaiters.length === 0) return;
    // A sender's next message (Bot chains them per sender) enters a moment after this one ends: look again later.
    setImmediate(() => {
      if (this.queue.length === 0 && this.running === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
    });
  }
}

/** One per process: fairness is about the one event loop, whichever runtime or channel marks the message. */
export const handlingGate = new HandlingGate();
