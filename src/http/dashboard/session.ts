import { randomBytes } from 'node:crypto';
import { deriveKey, mac, readToken, sameMac, signToken } from '../../core/signed-token';

export const SESSION_COOKIE = 'zhibu_admin';
export const SESSION_HOURS = 12;

interface SessionPayload {
  i: string;
  e: number;
  s: string;
}

export interface Session {
  identity: string;
  /** Session id: the CSRF token is derived from it. */
  sid: string;
  expiresAt: Date;
}

/**
 * Dashboard sessions as signed cookies (no server table): identity, expiry and a session id. What the person may see
 * is not in the cookie — roles are read from the store on every request, so taking a grant away takes effect at once.
 */
export class Sessions {
  readonly #sessionKey: Buffer;
  readonly #csrfKey: Buffer;

  constructor(secret: Buffer) {
    this.#sessionKey = deriveKey(secret, 'session');
    this.#csrfKey = deriveKey(secret, 'csrf');
  }

  create(identity: string, now: Date): { value: string; session: Session } {
    const session = { identity, sid: randomBytes(16).toString('base64url'), expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000) };
    const value = signToken(this.#sessionKey, { i: identity, e: session.expiresAt.getTime(), s: session.sid } satisfies SessionPayload);
    return { value, session };
  }

  read(value: string | undefined, now: Date): Session | undefined {
    const p = readToken<SessionPayload>(this.#sessionKey, value);
    if (!p || typeof p.i !== 'string' || typeof p.e !== 'number' || typeof p.s !== 'string' || now.getTime() >= p.e) return undefined;
    return { identity: p.i, sid: p.s, expiresAt: new Date(p.e) };
  }

  csrfToken(session: Session): string {
    return mac(this.#csrfKey, session.sid);
  }

  checkCsrf(session: Session, token: unknown): boolean {
    return typeof token === 'string' && sameMac(token, this.csrfToken(session));
  }
}
