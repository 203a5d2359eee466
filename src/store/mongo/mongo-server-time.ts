/** `Date.prototype.toISOString()`'s format, so server-computed times compare with the ISO strings the documents keep. */
const ISO = '%Y-%m-%dT%H:%M:%S.%LZ';

export type ServerTime = (now: Date, plusMs?: number) => Record<string, unknown>;

/**
 * An aggregation expression for "the server's clock (+ `plusMs`)" as an ISO string, for leases and claims that
 * several machines compare: their own clocks may be tens of seconds apart, the server's is one clock.
 *
 * The caller's `now` is read relative to this machine's clock: in production `now` is that clock, the difference
 * is 0 and the time is purely the server's; a deliberate shift (a test's fixed time, `zhibu jobs run --at`) keeps
 * its distance from the server's clock instead of being silently dropped.
 */
export function serverTime(clock: () => Date): ServerTime {
  return (now, plusMs = 0) => ({
    $dateToString: { date: { $add: ['$$NOW', now.getTime() - clock().getTime() + plusMs] }, format: ISO },
  });
}
