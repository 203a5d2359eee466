/** Reads a monotonic time in milliseconds; injectable so a test can decide when arrivals count as quiet. */
export type Millis = () => number;

/**
 * When the last deferred message arrived, shared by the work that must step aside while callbacks keep coming: the
 * deferred handlers (`BackgroundHandling`) and the proof checks. Their acknowledgements are what the platform waits
 * for; a proof check can wait until the burst is over (it is pending in the store, so a restart still runs it).
 */
export class Arrivals {
  private last = -Infinity;
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

  /** Resolves at once when arrivals are quiet, else once they have been quiet for `quietMs`. */
  calm(): Promise<void> {
    if (!this.busy()) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.recheckLater();
    });
  }

  private recheckLater(): void {
    if (this.timer) return;
    const wait = Math.max(1, this.quietMs - (this.now() - this.last));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.busy()) this.recheckLater();
      else this.waiters.splice(0).forEach((resolve) => resolve());
    }, wait);
  }
}
