import { SendError } from '../../outbox/sender';
import { AnswerTooLarge, callHttp, downloadHttp, type HttpAnswer, type HttpBytes } from '../http-client';
import { sendErrorFor } from './wecom-errcodes';

const TIMEOUT_MS = 10_000;

export interface WecomReply {
  errcode?: number;
  errmsg?: string;
  [key: string]: unknown;
}

/** Redacts the credential part of a URL (access_token, key) before it reaches an error message or a log. */
export function safeUrl(url: string): string {
  return url.replace(/([?&](?:access_token|key|corpsecret|response_code)=)[^&]+/g, '$1***');
}

/** One JSON call to a WeCom endpoint: network trouble and 5xx are retryable; a non-zero errcode becomes a SendError. */
export async function callWecom(what: string, url: string, body?: unknown): Promise<WecomReply> {
  let res: HttpAnswer;
  try {
    res = await callHttp(url, {
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      timeoutMs: TIMEOUT_MS,
    });
  } catch (err) {
    throw new SendError(`${what}: network error ${(err as Error).message} (${safeUrl(url)})`, true, {
      code: 'NETWORK',
      fix: 'check the network / WECOM_API_BASE',
      unreachable: true,
    });
  }
  if (res.status >= 500 || res.status === 429)
    throw new SendError(`${what}: HTTP ${res.status}`, true, { code: res.status, unreachable: res.status >= 500 });
  let json: WecomReply;
  try {
    json = JSON.parse(res.text) as WecomReply;
  } catch {
    throw new SendError(`${what}: HTTP ${res.status}, body is not JSON`, res.status >= 400 ? false : true, {
      code: res.status,
      fix: 'check WECOM_API_BASE',
    });
  }
  if (json.errcode !== undefined && json.errcode !== 0) throw sendErrorFor(what, json.errcode, json.errmsg ?? '');
  return json;
}

/**
 * Downloads at most `maxBytes` (a larger file fails as its bytes arrive with AnswerTooLarge); a JSON body
 * instead of a file is WeCom reporting an error (e.g. 40007 invalid media_id).
 */
export async function downloadWecom(
  what: string,
  url: string,
  maxBytes: number,
): Promise<{ bytes: Buffer; contentType?: string; filename?: string }> {
  let res: HttpBytes;
  try {
    res = await downloadHttp(url, { timeoutMs: 30_000, maxBytes });
  } catch (err) {
    if (err instanceof AnswerTooLarge) throw err;
    throw new SendError(`${what}: network error ${(err as Error).message}`, true, { code: 'NETWORK' });
  }
  const contentType = res.headers['content-type'];
  const { bytes } = res;
  if (!res.ok) throw new SendError(`${what}: HTTP ${res.status}`, res.status >= 500, { code: res.status });
  if (contentType?.includes('json')) {
    let json: WecomReply = {};
    try {
      json = JSON.parse(bytes.toString('utf8')) as WecomReply;
    } catch {
      /* reported below */
    }
    throw sendErrorFor(what, json.errcode ?? -1, json.errmsg ?? 'unexpected JSON instead of a file');
  }
  return { bytes, contentType, filename: filenameOf(res.headers['content-disposition']) };
}

function filenameOf(disposition: string | undefined): string | undefined {
  if (!disposition) return undefined;
  const utf8 = /filename\*=UTF-8''([^;\s]+)/i.exec(disposition);
  if (utf8) return decodeURIComponent(utf8[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : undefined;
}
