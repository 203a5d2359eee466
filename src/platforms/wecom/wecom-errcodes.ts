import { SendError } from '../../outbox/sender';

/** errcodes after which a fresh access token and one retry fix the call (docs 91039). */
export const TOKEN_ERRCODES = new Set([40014, 42001]);

interface Known {
  retryable: boolean;
  retryAfterMs?: number;
  fix: string;
}

/** What each errcode we have met means for a send, and how an operator fixes it (reference/wecom.md §4–5). */
const KNOWN: Record<number, Known> = {
  [-1]: { retryable: true, retryAfterMs: 5_000, fix: 'WeCom is busy; the send is retried' },
  45009: { retryable: true, retryAfterMs: 60_000, fix: 'over the rate limit (20/min per robot); paced and retried' },
  45033: { retryable: true, retryAfterMs: 10_000, fix: 'too many concurrent calls; retried' },
  45047: { retryable: true, retryAfterMs: 60_000, fix: 'over the per-member sending quota; retried later' },
  40014: { retryable: true, fix: 'access token invalid; refetched and retried' },
  42001: { retryable: true, fix: 'access token expired; refetched and retried' },
  40001: { retryable: false, fix: 'invalid secret: check WECOM_APP_SECRET (应用管理→自建应用→Secret)' },
  40013: { retryable: false, fix: 'invalid corp id: check WECOM_CORP_ID (我的企业→企业ID)' },
  60020: {
    retryable: false,
    fix: "server IP not trusted: add this server's egress IP under 应用管理→自建应用→企业可信IP",
  },
  81013: { retryable: false, fix: "recipient not reachable by the app: add the member to the app's 可见范围" },
  93000: {
    retryable: false,
    fix: 'group robot key invalid or robot removed: send 「设置推送 <key>」 again in that group',
  },
  93004: { retryable: false, fix: 'group robot was removed from the group: add it again and send 「设置推送 <key>」' },
  40058: { retryable: false, fix: 'WeCom rejected the message format (40058); report this as a bug' },
  44004: { retryable: false, fix: 'empty message text; report this as a bug' },
  301002: { retryable: false, fix: 'response_url already used or expired; another path is tried' },
};

/** Tries for an errcode nobody has described: enough to ride out a blip, few enough to be reported the same hour. */
export const UNKNOWN_ERRCODE_ATTEMPTS = 3;

/**
 * A push refused because nobody has messaged the AI bot in that chat (docs 101463: "需要用户在会话中给机器人发消息，
 * 后续机器人才能主动推送"). Neither the docs nor the SDK name the errcode, so it is recognized by its message.
 */
export function isNoSession(err: unknown): boolean {
  if (!(err instanceof SendError) || typeof err.options.code !== 'number') return false;
  return /session|会话|先.*发.*消息|not allow(ed)? to (push|send)/i.test(err.message.replace(/^.*errcode -?\d+/, ''));
}

/** The SendError for a WeCom `{errcode, errmsg}` that is not 0. Unknown codes are retried a few times, then reported. */
export function sendErrorFor(what: string, errcode: number, errmsg: string): SendError {
  const known = KNOWN[errcode];
  const message = `${what} failed: errcode ${errcode} ${errmsg}`;
  if (!known) {
    return new SendError(message, true, {
      code: errcode,
      maxAttempts: UNKNOWN_ERRCODE_ATTEMPTS,
      fix: 'unknown WeCom errcode; look it up at developer.work.weixin.qq.com/devtool/query',
    });
  }
  return new SendError(message, known.retryable, { code: errcode, retryAfterMs: known.retryAfterMs, fix: known.fix });
}
