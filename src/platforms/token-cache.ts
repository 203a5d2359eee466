import type { Clock } from '../time/clock';

export interface FetchedToken {
  token: string;
  /** Lifetime in seconds, as the platform reports it (both WeCom and DingTalk say 7200). */
  expiresIn: number;
}

const DEFAULT_MARGIN_MS = 5 * 60_000;

/**
 * A platform access token cached until `marginMs` before it expires, so none expires between reading and using
 * it. Token endpoints are rate-limited: concurrent callers share one cached token and one in-flight fetch.
 */
export class TokenCache {
  private current?: { value: string; expiresAt: number };
  private inflight?: Promise<string>;
  /** How many times the token was fetched (tests and metrics). */
  fetches = 0;

  constructor(
    private readonly fetchToken: () => Promise<FetchedToken>,
    protected readonly clock: Clock,
    private readonly marginMs = DEFAULT_MARGIN_MS,
  ) {}

  async get(): Promise<string> {
    if (this.current && this.clock.now().getTime() < this.current.expiresAt) return this.current.value;
    this.inflight ??= this.refresh().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** Drops the cached token (the platform said it is invalid); with `token`, only if it is still the cached one. */
  invalidate(token?: string): void {
    if (token === undefined || this.current?.value === token) this.current = undefined;
  }

  private async refresh(): Promise<string> {
    this.fetches++;
    const { token, expiresIn } = await this.fetchToken();
    const lifetime = Math.max(60_000, expiresIn * 1000 - this.marginMs);
    this.current = { value: token, expiresAt: this.clock.now().getTime() + lifetime };
    return token;
  }
}
