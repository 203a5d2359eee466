import { callHttp, jsonObjectOf } from '../http-client';
import { DingtalkApiError } from './dingtalk-api-error';

/** The custom-robot message JSON, also accepted by a sessionWebhook: text that can @ staff ids (KB 0717). */
export interface RobotTextBody {
  msgtype: 'text';
  text: { content: string };
  at?: { atUserIds: string[]; isAtAll: false };
  /** Custom robots: an idempotency key, so a retry after a timeout does not post twice (KB 0717). */
  msgUuid?: string;
}

export function robotTextBody(content: string, atUserIds: string[] = [], msgUuid?: string): RobotTextBody {
  return {
    msgtype: 'text',
    text: { content },
    ...(atUserIds.length ? { at: { atUserIds, isAtAll: false } } : {}),
    ...(msgUuid ? { msgUuid } : {}),
  };
}

/** Answers that mean "this session webhook is gone" (≈90 min after the message, pitfall 4). */
export function isSessionGone(err: unknown): boolean {
  return (
    err instanceof DingtalkApiError &&
    (err.code === '300001' || /session/i.test(err.code) || /session/i.test(err.detail))
  );
}

/**
 * POSTs to an oapi robot webhook (a sessionWebhook or a custom robot's `robot/send`). These answer HTTP 200 with
 * `{errcode, errmsg}`; anything but errcode 0 is thrown as a `DingtalkApiError` carrying the errcode.
 */
export async function postRobotWebhook(url: string, body: RobotTextBody, timeoutMs = 15_000): Promise<void> {
  const res = await callHttp(url, {
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
    timeoutMs,
  });
  const data = jsonObjectOf(res.text);
  const errcode = data.errcode ?? (res.ok ? 0 : res.status);
  if (res.ok && Number(errcode) === 0) return;
  throw new DingtalkApiError(res.status, String(errcode), String(data.errmsg ?? res.statusText));
}
