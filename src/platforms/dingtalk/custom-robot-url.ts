import { callbackSign } from './callback-signature';

/** The custom robot's `&sign=`: the same HMAC as the callback header, then URL-encoded (KB 0082). */
export function customRobotSign(timestampMs: string, secret: string): string {
  return encodeURIComponent(callbackSign(timestampMs, secret));
}

/** The `access_token` of a custom robot webhook address as pasted from DingTalk (or the bare token). */
export function customRobotToken(webhook: string): string | undefined {
  const trimmed = webhook.trim();
  if (/^[A-Za-z0-9]{16,128}$/.test(trimmed)) return trimmed;
  try {
    return new URL(trimmed).searchParams.get('access_token')?.trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The URL for one send: `${oapiBase}/robot/send?access_token=…&timestamp=<ms>&sign=…`. Built from the token every
 * time — re-appending to a stored URL grows it until "uri too large" — and with a fresh timestamp, since DingTalk
 * rejects one more than an hour old (310000).
 */
export function customRobotUrl(oapiBase: string, token: string, secret: string | undefined, nowMs: number): string {
  const base = `${oapiBase.replace(/\/+$/, '')}/robot/send?access_token=${encodeURIComponent(token)}`;
  if (!secret) return base;
  const timestamp = String(nowMs);
  return `${base}&timestamp=${timestamp}&sign=${customRobotSign(timestamp, secret)}`;
}
