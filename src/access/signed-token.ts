import { createHmac } from 'node:crypto';
import { constantTimeEqual } from './constant-time-equal';

/**
 * Compact HMAC-signed tokens (`<base64url JSON>.<base64url HMAC-SHA256>`) for login links and dashboard sessions.
 * Each use derives its own key from the one secret, so a session cookie can never pass as a login link.
 */
export function deriveKey(secret: Buffer, purpose: string): Buffer {
  return createHmac('sha256', secret).update(`zhibu:${purpose}`).digest();
}

export function mac(key: Buffer, data: string): string {
  return createHmac('sha256', key).update(data).digest('base64url');
}

/** Constant-time comparison of two base64url strings. */
export function sameMac(a: string, b: string): boolean {
  return constantTimeEqual(a, b);
}

export function signToken(key: Buffer, payload: object): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(key, body)}`;
}

/** The payload when the signature is right (checked before parsing), else undefined. */
export function readToken<T>(key: Buffer, token: string | undefined): T | undefined {
  if (!token || token.length > 2048) return undefined;
  const dot = token.indexOf('.');
  if (dot <= 0) return undefined;
  const body = token.slice(0, dot);
  if (!sameMac(token.slice(dot + 1), mac(key, body))) return undefined;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
  } catch {
    return undefined;
  }
}
