import type { Clock } from '../../time/clock';
import { SendError } from '../../outbox/sender';
import { AccessTokenCache } from './access-token-cache';
import { callWecom, downloadWecom } from './wecom-http';

export interface AppApiSettings {
  apiBase: string;
  corpId: string;
  secret: string;
  agentId: number;
}

/** The self-built app's server API: gettoken (cached), message/send to a member, media/get (docs 90236, 96486). */
export class WecomAppApi {
  readonly tokens: AccessTokenCache;

  constructor(
    private readonly s: AppApiSettings,
    clock: Clock,
  ) {
    this.tokens = new AccessTokenCache(() => this.fetchToken(), clock);
  }

  get agentId(): number {
    return this.s.agentId;
  }

  /** A text message to one member (touser = userid). Partial delivery is a failure with the fix named. */
  async sendText(touser: string, content: string): Promise<void> {
    const body = {
      touser,
      msgtype: 'text',
      agentid: this.s.agentId,
      text: { content },
      safe: 0,
      enable_duplicate_check: 0,
    };
    const reply = await this.tokens.withToken((t) =>
      callWecom('message/send', this.url('/cgi-bin/message/send', { access_token: t }), body),
    );
    if (typeof reply.invaliduser === 'string' && reply.invaliduser) {
      throw new SendError(`message/send: invaliduser ${reply.invaliduser}`, false, {
        code: 81013,
        fix: "the member is not in the app's 可见范围 or left the corp: add them to the app's visibility",
      });
    }
  }

  /** A fresh gettoken, bypassing the cache: whether WeCom accepts WECOM_CORP_ID + WECOM_APP_SECRET right now. */
  async verifyCredentials(): Promise<void> {
    await this.fetchToken();
  }

  /** A file of at most `maxBytes` (media/get itself refuses files over 20 MB with 830002). */
  async getMedia(
    mediaId: string,
    maxBytes: number,
  ): Promise<{ bytes: Buffer; contentType?: string; filename?: string }> {
    return this.tokens.withToken((t) =>
      downloadWecom('media/get', this.url('/cgi-bin/media/get', { access_token: t, media_id: mediaId }), maxBytes),
    );
  }

  private async fetchToken(): Promise<{ token: string; expiresIn: number }> {
    const reply = await callWecom(
      'gettoken',
      this.url('/cgi-bin/gettoken', { corpid: this.s.corpId, corpsecret: this.s.secret }),
    );
    if (typeof reply.access_token !== 'string')
      throw new SendError('gettoken: no access_token in the answer', true, { fix: 'check WECOM_API_BASE' });
    return { token: reply.access_token, expiresIn: Number(reply.expires_in ?? 7200) };
  }

  private url(path: string, query: Record<string, string>): string {
    const u = new URL(`${this.s.apiBase.replace(/\/+$/, '')}${path}`);
    for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
    return u.toString();
  }
}
