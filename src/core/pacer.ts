/**
 * Sliding one-minute window per robot: both platforms cap a robot at 20 messages a minute, and DingTalk mutes a
 * robot for 10 minutes when it goes over, so we stay under the cap rather than bounce off it.
 */
export class Pacer {
  private readonly sent = new Map<string, number[]>();

  /** Milliseconds to wait before `key` may send again (0 = now). Records the send when it returns 0. */
  take(key: string, perMinute: number, nowMs: number): number {
    if (!Number.isFinite(perMinute)) return 0;
    const window = (this.sent.get(key) ?? []).filter((t) => t > nowMs - 60_000);
    this.sent.set(key, window);
    if (window.length < perMinute) {
      window.push(nowMs);
      return 0;
    }
    return window[0] + 60_000 - nowMs;
  }

  /** Pushes the robot's window forward after the platform said "too fast" (e.g. DingTalk's 10-minute mute). */
  penalize(key: string, untilMs: number, perMinute: number): void {
    this.sent.set(key, Array.from({ length: Math.max(1, perMinute) }, () => untilMs - 60_000));
  }
}
