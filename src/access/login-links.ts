import { randomBytes, randomUUID } from 'node:crypto';
import type { LeaseRepo } from '../store/store';
import { deriveKey, readToken, signToken } from './signed-token';

export const LOGIN_LINK_MINUTES = 10;
const LINK_MS = LOGIN_LINK_MINUTES * 60_000;

interface LinkPayload {
  /** Identity key `platform:userId`. */
  i: string;
  /** Expiry, epoch milliseconds. */
  e: number;
  /** Nonce: the one-use key. */
  n: string;
}

export interface LoginLink {
  url: string;
  token: string;
  expiresAt: Date;
}

export type LinkCheck =
  | { ok: true; identity: string; expiresAt: Date; nonce: string }
  | { ok: false; reason: 'invalid' | 'expired' | 'used' };

/** Why a link was refused, in the words the login page shows. */
export const LINK_REFUSALS: Record<'invalid' | 'expired' | 'used', string> = {
  invalid: '登录链接无效（可能没有复制完整）。',
  expired: `登录链接已过期（有效期 ${LOGIN_LINK_MINUTES} 分钟）。`,
  used: '登录链接已经用过了（每个链接只能用一次）。',
};

/**
 * One-time dashboard login links: signed, valid for 10 minutes, usable once. "Once" is kept in the store through
 * the lease table (a lease named after the link's nonce, held until the link would expire anyway), so it holds
 * across restarts and across several bot processes sharing one store.
 */
export class LoginLinks {
  readonly #key: Buffer;

  constructor(
    secret: Buffer,
    readonly baseUrl: string,
  ) {
    this.#key = deriveKey(secret, 'login-link');
  }

  issue(identity: string, now: Date): LoginLink {
    const expiresAt = new Date(now.getTime() + LINK_MS);
    const token = signToken(this.#key, {
      i: identity,
      e: expiresAt.getTime(),
      n: randomBytes(12).toString('base64url'),
    } satisfies LinkPayload);
    return { url: `${this.baseUrl}/admin/login?t=${token}`, token, expiresAt };
  }

  /** Signature and expiry only; the link stays usable (a chat app's link preview must not spend it). */
  check(token: string | undefined, now: Date): LinkCheck {
    const p = readToken<LinkPayload>(this.#key, token);
    if (!p || typeof p.i !== 'string' || typeof p.e !== 'number' || typeof p.n !== 'string')
      return { ok: false, reason: 'invalid' };
    if (now.getTime() >= p.e) return { ok: false, reason: 'expired' };
    return { ok: true, identity: p.i, expiresAt: new Date(p.e), nonce: p.n };
  }

  /** Checks and spends the link; a second call with the same link answers `used`. */
  async consume(token: string | undefined, leases: LeaseRepo, now: Date): Promise<LinkCheck> {
    const checked = this.check(token, now);
    if (!checked.ok) return checked;
    // A fresh owner per attempt: the first attempt takes the lease, every later one finds it held.
    const ttl = checked.expiresAt.getTime() - now.getTime() + 60_000;
    const first = await leases.acquire(`login-link:${checked.nonce}`, `used:${randomUUID()}`, now, ttl);
    return first ? checked : { ok: false, reason: 'used' };
  }
}
