/**
 * Durable named counters, e.g. the DingTalk calls made this month per org (the free org's 3,000 webhook+stream
 * calls). `add` is atomic and returns the new total, so exactly one caller sees a threshold being crossed.
 */
export interface CounterRepo {
  /** Adds `by` to the counter named `key` (created at 0) and returns the new total. */
  add(key: string, by: number, now: Date): Promise<number>;
  /** The counter's value; 0 when it was never added to. */
  get(key: string): Promise<number>;
}
