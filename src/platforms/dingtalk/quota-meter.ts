import type { Logger } from 'pino';
import type { Clock } from '../../time/clock';
import { localParts } from '../../time/zoned-time';
import type { CounterRepo } from '../../store/counter-repo';

/**
 * What DingTalk meters per org and natural month (KB 1431): `push` = Webhook & Stream (every robot message
 * delivered to us, every sessionWebhook and custom-robot send; 3,000 on a free org), `api` = paid OpenAPI calls
 * (groupMessages/send, oToMessages/batchSend, messageFiles/download; 5,000). The token endpoint is free.
 */
export type QuotaKind = 'push' | 'api';

export interface QuotaWarning {
  kind: QuotaKind;
  month: string;
  used: number;
  quota: number;
  /** The threshold just crossed: the warning level or the quota itself. */
  level: number;
}

export interface QuotaMeterOptions {
  counters: CounterRepo;
  clock: Clock;
  timezone: string;
  /** The org the app belongs to; an internal app lives in exactly one org, so its Client ID names it. */
  org: string;
  quotas: Record<QuotaKind, number>;
  warnPercent: number;
  warn: (warning: QuotaWarning) => Promise<void>;
  log: Logger;
}

/** Counts DingTalk calls durably per org and month and warns once as each threshold is crossed. */
export class QuotaMeter {
  /** The last totals seen by this process, for the synchronous /healthz (the store has the durable ones). */
  readonly lastSeen: Partial<Record<QuotaKind, { month: string; used: number }>> = {};

  constructor(private readonly opts: QuotaMeterOptions) {}

  /** The natural month in DingTalk's (China) time, which is also the bot's zone by default. */
  month(now = this.opts.clock.now()): string {
    const p = localParts(now, this.opts.timezone);
    return `${p.year}-${String(p.month).padStart(2, '0')}`;
  }

  private key(kind: QuotaKind, month: string): string {
    return `dingtalk:${this.opts.org}:${kind}:${month}`;
  }

  /** Adds `n` calls; never throws, since metering must not break sending or receiving. Returns the new total. */
  async record(kind: QuotaKind, n = 1): Promise<number | undefined> {
    const now = this.opts.clock.now();
    const month = this.month(now);
    try {
      const used = await this.opts.counters.add(this.key(kind, month), n, now);
      this.lastSeen[kind] = { month, used };
      const quota = this.opts.quotas[kind];
      const warnAt = Math.ceil((quota * this.opts.warnPercent) / 100);
      // The add is atomic, so only the call that moves the total across a level sees it crossed: one warning each.
      for (const level of [...new Set([warnAt, quota])]) {
        if (used - n < level && used >= level) await this.opts.warn({ kind, month, used, quota, level });
      }
      return used;
    } catch (err) {
      this.opts.log.error({ err, kind }, 'dingtalk quota metering failed');
      return undefined;
    }
  }

  /**
   * DingTalk itself says the quota is gone (robot messages arriving as `errorCode 20001`), whatever our count says:
   * the warning for the quota level is raised (once a month, by its idempotency key).
   */
  async exhausted(kind: QuotaKind): Promise<void> {
    const month = this.month();
    const quota = this.opts.quotas[kind];
    try {
      const used = Math.max(quota, await this.used(kind));
      await this.opts.warn({ kind, month, used, quota, level: quota });
    } catch (err) {
      this.opts.log.error({ err, kind }, 'dingtalk quota warning failed');
    }
  }

  async used(kind: QuotaKind): Promise<number> {
    return this.opts.counters.get(this.key(kind, this.month()));
  }

  quota(kind: QuotaKind): number {
    return this.opts.quotas[kind];
  }
}
