import type { Clock } from '../../time/clock';
import { TokenCache } from '../token-cache';
import { callHttp, jsonObjectOf } from '../http-client';
import { DingtalkApiError } from './dingtalk-api-error';

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
 * The app's access token (`POST /v1.0/oauth2/accessToken`, 2 h, KB 0033), one per app. The token endpoint does not
 * count against the quota.
 */
export class AccessTokenCache extends TokenCache {
  constructor(private readonly opts: AccessTokenOptions) {
    super(() => fetchAccessToken(opts), opts.clock, opts.marginMs);
  }

  get appKey(): string {
    return this.opts.appKey;
  }
}

async function fetchAccessToken(opts: AccessTokenOptions): Promise<{ token: string; expiresIn: number }> {
  const res = await callHttp(`${opts.apiBase.replace(/\/+$/, '')}/v1.0/oauth2/accessToken`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ appKey: opts.appKey, appSecret: opts.appSecret }),
    timeoutMs: opts.timeoutMs ?? 10_000,
  });
  const body = jsonObjectOf(res.text);
  const token = typeof body.accessToken === 'string' ? body.accessToken : undefined;
  if (!res.ok || !token) {
    throw new DingtalkApiError(
      res.status,
      String(body.code ?? 'accessToken.failed'),
      String(body.message ?? 'no accessToken in the answer'),
      "check DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET (the app's Client ID and Client Secret in the developer console)",
    );
  }
  return { token, expiresIn: Number(body.expireIn) > 0 ? Number(body.expireIn) : 7200 };
}
