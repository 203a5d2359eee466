/**
 * One documented sending limit: at most `max` sent parts per `windowMs` under `key` (a robot, a webhook key, a
 * conversation). Platforms declare them; the outbox only counts. Each part a long message is split into counts.
 */
export interface RateLimit {
  key: string;
  max: number;
  windowMs: number;
}

/** What one outbox item will cost when sent now: every limit it counts against, and how many parts it goes out in. */
export interface SendPlan {
  limits: RateLimit[];
  parts: number;
}

/**
 * Sliding windows per limit key. A send is allowed only when every limit it counts against has room for all its
 * parts, so the platform's cap (WeCom 20/min per webhook, 30/min and 1000/h per AI-bot conversation, DingTalk
 * 20/min per robot with a 10-minute mute) is never crossed rather than bounced off.
 */
export class Pacer {
  private readonly sent = new Map<string, number[]>();

  /** Milliseconds to wait before the plan may go (0 = now). Records its parts when it returns 0. */
  take(plan: SendPlan, nowMs: number): number {
    let wait = 0;
    for (const limit of plan.limits) wait = Math.max(wait, this.waitFor(limit, this.partsFor(plan, limit), nowMs));
    if (wait > 0) return wait;
    for (const limit of plan.limits) {
      const window = this.sent.get(limit.key)!;
      for (let i = 0; i < this.partsFor(plan, limit); i++) window.push(nowMs);
    }
    return 0;
  }

  /** Fills the plan's windows until `untilMs` after the platform said "too fast" (e.g. DingTalk's 10-minute mute). */
  penalize(plan: SendPlan, untilMs: number): void {
    for (const limit of plan.limits) {
      this.sent.set(limit.key, Array.from({ length: Math.max(1, limit.max) }, () => untilMs - limit.windowMs));
    }
  }

  /** A message longer than a whole window's allowance waits for an empty window instead of never going. */
  private partsFor(plan: SendPlan, limit: RateLimit): number {
    return Math.min(Math.max(1, plan.parts), limit.max);
  }

  private waitFor(limit: RateLimit, parts: number, nowMs: number): number {
    if (!Number.isFinite(limit.max)) { this.sent.set(limit.key, []); return 0; }
    const window = (this.sent.get(limit.key) ?? []).filter((t) => t > nowMs - limit.windowMs);
    this.sent.set(limit.key, window);
    const excess = window.length + parts - limit.max;
    return excess <= 0 ? 0 : window[excess - 1] + limit.windowMs - nowMs;
  }
}
