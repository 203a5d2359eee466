import type { Clock } from '../../core/clock';
import { DingtalkApiError, readJsonBody } from './dingtalk-api-error';

export interface AccessTokenOptions {
  apiBase: string;
  appKey: string;
  appSecret: string;
  clock: Clock;
  /** Refresh this long before expiry, so no call goes out with a token that dies in flight. */
  marginMs?: number;
  timeoutMs?: number;
}

/**
 * The app's access token (`POST /v1.0/oauth2/accessToken`, 2 h, KB 0033), one per app, cached until `marginMs`
 * before it expires. Concurrent callers share one request. The token endpoint does not count against the quota.
 */
export class AccessTokenCache {
  private cached?: { value: string; expiresAtMs: number };
  private pending?: Promise<string>;

  constructor(private readonly opts: AccessTokenOptions) {}

  get appKey(): string { return this.opts.appKey; }

  async get(): Promise<string> {
    const now = this.opts.clock.now().getTime();
    if (this.cached && this.cached.expiresAtMs - (this.opts.marginMs ?? 5 * 60_000) > now) return this.cached.value;
    this.pending ??= this.fetchToken().finally(() => { this.pending = undefined; });
    return this.pending;
  }

  /** Forgets the token (DingTalk said it is invalid), so the next `get` asks for a new one. */
  invalidate(): void {
    this.cached = undefined;
  }

  private async fetchToken(): Promise<string> {
    const res = await fetch(`${this.opts.apiBase.replace(/\/+$/, '')}/v1.0/oauth2/accessToken`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appKey: this.opts.appKey, appSecret: this.opts.appSecret }),
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
    });
    const body = await readJsonBody(res);
    const token = typeof body.accessToken === 'string' ? body.accessToken : undefined;
    if (!res.ok || !token) {
      throw new DingtalkApiError(res.status, String(body.code ?? 'accessToken.failed'), String(body.message ?? 'no accessToken in the answer'),
        'check DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET (the app\'s Client ID and Client Secret in the developer console)');
    }
    const expireIn = Number(body.expireIn) > 0 ? Number(body.expireIn) : 7200;
    this.cached = { value: token, expiresAtMs: this.opts.clock.now().getTime() + expireIn * 1000 };
    return token;
  }
}
