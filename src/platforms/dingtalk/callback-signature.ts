import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../../access/constant-time-equal';
import { ZhibuError } from '../../errors';

/** DingTalk rejects, and so do we, a timestamp more than one hour old (KB 0718). */
export const SIGNATURE_WINDOW_MS = 60 * 60 * 1000;
/**
 * KB 0718 allows an hour either way, but DingTalk signs with its current time: a timestamp from the future is only
 * clock drift, so minutes suffice and a header cannot be pre-made for later use.
 */
export const FUTURE_SKEW_MS = 5 * 60 * 1000;

/** base64(HmacSHA256(key = secret, data = timestamp + "\n" + secret)) — the HTTP callback `sign` header (KB 0718). */
export function callbackSign(timestamp: string, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

/** Why a callback's `timestamp` + `sign` headers are not acceptable, or undefined when they are. */
function signatureProblem(
  timestamp: string | undefined,
  sign: string | undefined,
  secret: string,
  nowMs: number,
): string | undefined {
  if (!timestamp || !/^\d{1,16}$/.test(timestamp)) return 'missing or non-numeric timestamp header';
  if (nowMs - Number(timestamp) > SIGNATURE_WINDOW_MS) return 'timestamp is more than 1 hour old by the server clock';
  if (Number(timestamp) - nowMs > FUTURE_SKEW_MS) return 'timestamp is more than 5 minutes ahead of the server clock';
  if (!sign) return 'missing sign header';
  // The header string is used verbatim: a URL-encoded sign (the custom-robot form) does not match.
  if (!constantTimeEqual(sign, callbackSign(timestamp, secret))) return 'signature mismatch';
  return undefined;
}

/** Boolean form of `verifyCallbackSignature`. */
export function isValidCallbackSignature(
  timestamp: string | undefined,
  sign: string | undefined,
  secret: string,
  nowMs: number,
): boolean {
  return signatureProblem(timestamp, sign, secret, nowMs) === undefined;
}

/** Throws `SIGNATURE_MISMATCH` (with the fix) unless the headers were made with `secret` within the window around `nowMs`. */
export function verifyCallbackSignature(
  timestamp: string | undefined,
  sign: string | undefined,
  secret: string,
  nowMs: number,
): void {
  const problem = signatureProblem(timestamp, sign, secret, nowMs);
  if (!problem) return;
  throw new ZhibuError('SIGNATURE_MISMATCH', `dingtalk callback rejected: ${problem}`, {
    fix: problem.startsWith('timestamp is')
      ? 'check the server clock (NTP); DingTalk signs with its current time'
      : "check DINGTALK_CLIENT_SECRET (the app's Client Secret) and that the request comes from DingTalk",
  });
}
