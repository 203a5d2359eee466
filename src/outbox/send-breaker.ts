import type { Platform } from '../bot/incoming-message';

const FIRST_PAUSE_MS = 2_000;
const MAX_PAUSE_MS = 60_000;

/**
 * One circuit breaker per platform, shared by every item for it. When a send finds the platform's endpoint
 * unreachable (network down, 5xx), the platform is paused: its items are not claimed, so a queue of thousands costs
 * nothing while the endpoint is down. After the pause one item goes through as a probe; a failure doubles the pause
 * (2 s up to 1 min), a success ends it. A down endpoint therefore costs a bounded number of sends per minute, not
 * one (or eight) per queued message, and the queue goes out as soon as the endpoint answers again.
 */
export class SendBreaker {
  private readonly paused = new Map<Platform, { until: number; failures: number }>();
  /** Platforms whose last send went through: their items may go out side by side. */
  private readonly answering = new Set<Platform>();

  /** Whether the platform's endpoint answered the last send (unknown at start, and after a failure, is false). */
  answers(platform: Platform): boolean {
    return this.answering.has(platform);
  }

  /** Platforms that must not be sent to at `nowMs`. */
  blocked(nowMs: number): Platform[] {
    return [...this.paused].filter(([, p]) => p.until > nowMs).map(([platform]) => platform);
  }

  /** The time the platform may be tried again, or undefined when it is not paused. */
  pausedUntil(platform: Platform, nowMs: number): number | undefined {
    const p = this.paused.get(platform);
    return p && p.until > nowMs ? p.until : undefined;
  }

  /** A send found the endpoint unreachable: pause the platform, longer each time in a row. */
  tripped(platform: Platform, nowMs: number): number {
    this.answering.delete(platform);
    // Several items of one batch failing together are one outage, not several in a row.
    const current = this.pausedUntil(platform, nowMs);
    if (current !== undefined) return current;
    const failures = (this.paused.get(platform)?.failures ?? 0) + 1;
    const until = nowMs + Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS * 2 ** (failures - 1));
    this.paused.set(platform, { until, failures });
    return until;
  }

  /** A send went through: the endpoint answers again. */
  reached(platform: Platform): void {
    this.paused.delete(platform);
    this.answering.add(platform);
  }
}
