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
 * The send times under one key, oldest first (each send or booking is at or after the one before). Expired times are
 * skipped by moving `head`, not by copying the array: a chat with thousands of booked replies was re-filtered whole
 * on every send, which made a backlog's pacing quadratic.
 */
interface SendTimes {
  times: number[];
  head: number;
}

/**
 * Sliding windows per limit key, planned ahead: an item that cannot go now is given the first future slot where
 * every limit it counts against has room for all its parts, and that slot is booked for it — so a queue of 1,000
 * posts for one robot is laid out once, in order, instead of being re-examined every minute, and the platform's cap
 * (WeCom 20/min per webhook, 30/min and 1000/h per AI-bot conversation, DingTalk 20/min per robot with a 10-minute
 * mute) is never crossed rather than bounced off.
 */
export class Pacer {
  private readonly sent = new Map<string, SendTimes>();
  private readonly booked = new Map<number | string, { at: number; keys: string[] }>();

  /**
   * Milliseconds until `id` may go (0 = now). A send now is recorded; a later slot is booked for `id`, and the item
   * coming back at that time goes without being counted twice.
   */
  take(plan: SendPlan, nowMs: number, id?: number | string): number {
    const booking = id === undefined ? undefined : this.booked.get(id);
    if (booking) {
      if (booking.at > nowMs) return booking.at - nowMs;
      this.booked.delete(id!);
      return 0;
    }
    const limits = plan.limits.filter((l) => Number.isFinite(l.max));
    let at = nowMs;
    for (const limit of limits) at = Math.max(at, this.slotFor(limit, this.partsFor(plan, limit), nowMs));
    for (const limit of limits) {
      const { times } = this.sent.get(limit.key)!;
      for (let i = 0; i < this.partsFor(plan, limit); i++) times.push(at);
    }
    if (at === nowMs) return 0;
    if (id !== undefined) this.booked.set(id, { at, keys: limits.map((l) => l.key) });
    return at - nowMs;
  }

  /** Fills the plan's windows until `untilMs` after the platform said "too fast" (e.g. DingTalk's 10-minute mute). */
  penalize(plan: SendPlan, untilMs: number): void {
    const keys = new Set(plan.limits.map((l) => l.key));
    for (const limit of plan.limits) {
      const times = Array.from({ length: Math.max(1, limit.max) }, () => untilMs - limit.windowMs);
      this.sent.set(limit.key, { times, head: 0 });
    }
    // Slots booked before the mute are void: those items are looked at again when they come back.
    for (const [id, b] of this.booked) if (b.keys.some((k) => keys.has(k))) this.booked.delete(id);
  }

  /** A message longer than a whole window's allowance waits for an empty window instead of never going. */
  private partsFor(plan: SendPlan, limit: RateLimit): number {
    return Math.min(Math.max(1, plan.parts), limit.max);
  }

  /** The earliest time ≥ now, and not before the last booked send (first come, first served), with room for `parts`. */
  private slotFor(limit: RateLimit, parts: number, nowMs: number): number {
    const { times, head } = this.inWindow(limit.key, nowMs - limit.windowMs);
    const count = times.length - head;
    const last = count ? times[times.length - 1] : nowMs;
    const room = limit.max - parts;
    const blocking = count > room ? times[times.length - room - 1] + limit.windowMs : nowMs;
    return Math.max(nowMs, last, blocking);
  }

  /** The key's send times after `cutoff` (from `head` on); the array is compacted once most of it has expired. */
  private inWindow(key: string, cutoff: number): SendTimes {
    let w = this.sent.get(key);
    if (!w) this.sent.set(key, (w = { times: [], head: 0 }));
    while (w.head < w.times.length && w.times[w.head] <= cutoff) w.head++;
    if (w.head > 64 && w.head * 2 > w.times.length) {
      w.times = w.times.slice(w.head);
      w.head = 0;
    }
    return w;
  }
}
