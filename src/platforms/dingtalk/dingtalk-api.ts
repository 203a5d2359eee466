import type { AccessTokenCache } from './access-token-cache';
import { callHttp, jsonObjectOf } from '../http-client';
import { DingtalkApiError } from './dingtalk-api-error';

export interface DingtalkApiOptions {
  apiBase: string;
  tokens: AccessTokenCache;
  /** Called once per request that reached DingTalk (they count against the org's monthly API quota). */
  onCall?: (path: string) => void;
  timeoutMs?: number;
}

/** The new-style OpenAPI (`api.dingtalk.com/v1.0/…`): JSON in and out, the token in `x-acs-dingtalk-access-token`. */
export class DingtalkApi {
  constructor(private readonly opts: DingtalkApiOptions) {}

  get robotAppKey(): string {
    return this.opts.tokens.appKey;
  }

  async post<T extends object>(path: string, body: object): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.opts.tokens.get();
      const res = await callHttp(`${this.opts.apiBase.replace(/\/+$/, '')}${path}`, {
        headers: { 'content-type': 'application/json', 'x-acs-dingtalk-access-token': token },
        body: JSON.stringify(body),
        timeoutMs: this.opts.timeoutMs ?? 15_000,
      });
      this.opts.onCall?.(path);
      const data = jsonObjectOf(res.text);
      if (res.ok) return data as T;
      const code = String(data.code ?? res.status);
      // A token revoked early (secret reset) is refreshed once; anything else is the caller's to judge.
      if (attempt === 0 && (res.status === 401 || /InvalidAuthentication|invalid.?token/i.test(code))) {
        this.opts.tokens.invalidate();
        continue;
      }
      throw new DingtalkApiError(res.status, code, String(data.message ?? res.statusText));
    }
  }
}
