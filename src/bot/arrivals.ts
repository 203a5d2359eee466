/** Reads a monotonic time in milliseconds; injectable so a test can decide when arrivals count as quiet. */
export type Millis = () => number;

/**
 * When the last deferred message arrived, shared by the work that must step aside while callbacks keep coming: the
 * deferred handlers (`BackgroundHandling`) and the proof checks. Their acknowledgements are what the platform waits
 * for; a proof check also waits for the messages still to be handled (`calm()`): the members' answers come first, and
 * the check is pending in the store, so a restart still runs it.
 */
export class Arrivals {
  private last = -Infinity;
  private backlog: () => number = () => 0;
  private waiters: Array<() => void> = [];
  private timer?: NodeJS.Timeout;

  constructor(
    /** How long after the last arrival a burst counts as over. */
    readonly quietMs = 50,
    private readonly now: Millis = () => performance.now(),
  ) {}

  /** A deferred message has just arrived. */
  note(): void {
    this.last = this.now();
  }

  /** Deferred messages arrived within the last `quietMs`. */
  busy(): boolean {
    return this.now() - this.last < this.quietMs;
  }

  /** Where the messages accepted and not yet handled are counted (the deferred handlers' queue and those running). */
  countBacklog(backlog: () => number): void {
    this.backlog = backlog;
  }

  /**
   * Resolves once arrivals have been quiet for `quietMs` and no accepted message waits to be handled or is being
   * handled, or after `maxWaitMs` at the latest (a handler stuck on a slow download must not hold every check back).
   */
  calm(maxWaitMs = 30_000): Promise<void> {
    if (!this.pressed()) return Promise.resolve();
    return new Promise((resolve) => {
      // Unref'd, as the recheck below: waiting for a calm moment must not keep a stopping process alive.
      const latest = setTimeout(resolve, maxWaitMs).unref();
      this.waiters.push(() => {
        clearTimeout(latest);
        resolve();
      });
      this.recheckLater();
    });
  }

  private pressed(): boolean {
    return this.busy() || this.backlog() > 0;
  }

  private recheckLater(): void {
    if (this.timer) return;
    // Until the burst is quiet, or (a backlog being handled) a while later: the backlog has no moment to watch for.
    const wait = this.busy() ? Math.max(1, this.quietMs - (this.now() - this.last)) : this.quietMs;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.pressed()) this.recheckLater();
      else this.waiters.splice(0).forEach((resolve) => resolve());
    }, wait).unref();
  }
}
