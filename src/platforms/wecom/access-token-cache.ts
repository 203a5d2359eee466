import type { Clock } from '../../core/clock';
import { SendError } from '../../core/sender';
import { TOKEN_ERRCODES } from './wecom-errcodes';

export interface FetchedToken {
  token: string;
  /** Seconds, as WeCom reports it (7200). */
  expiresIn: number;
}

/** Refresh this long before WeCom's expiry, so a token never expires between reading it and using it. */
const MARGIN_MS = 5 * 60_000;

/**
 * One app's access token (each app has its own secret and token; docs 91039). gettoken is rate-limited, so callers
 * share one cached token and one in-flight fetch; 40014/42001 drop it and the call is retried once with a new one.
 */
export class AccessTokenCache {
  private current?: { value: string; expiresAt: number };
  private inflight?: Promise<string>;
  fetches = 0;

  constructor(private readonly fetchToken: () => Promise<FetchedToken>, private readonly clock: Clock) {}

  async get(): Promise<string> {
    if (this.current && this.clock.now().getTime() < this.current.expiresAt) return this.current.value;
    this.inflight ??= this.refresh().finally(() => { this.inflight = undefined; });
    return this.inflight;
  }

  /** Drops `token` if it is still the cached one (another caller may have refreshed already). */
  invalidate(token: string): void {
    if (this.current?.value === token) this.current = undefined;
  }

  async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.get();
    try {
      return await call(token);
    } catch (err) {
      if (!(err instanceof SendError) || !TOKEN_ERRCODES.has(Number(err.options.code))) throw err;
      this.invalidate(token);
      return call(await this.get());
    }
  }

  private async refresh(): Promise<string> {
    this.fetches++;
    const { token, expiresIn } = await this.fetchToken();
    const lifetime = Math.max(60_000, expiresIn * 1000 - MARGIN_MS);
    this.current = { value: token, expiresAt: this.clock.now().getTime() + lifetime };
    return token;
  }
}
