import { createHash, randomBytes } from 'node:crypto';
import { deriveKey, mac, sameMac } from '../../access/signed-token';
import type { SessionRepo } from '../../store/session-repo';

export const SESSION_COOKIE = 'zhibu_admin';
export const SESSION_HOURS = 12;

export interface Session {
  identity: string;
  /** Session id (the cookie value): the CSRF token is derived from it. */
  sid: string;
  expiresAt: Date;
}

const hashOf = (sid: string) => createHash('sha256').update(sid).digest('hex');

/**
 * Dashboard sessions kept in the store: the cookie is a random id, the store holds its hash with the identity and
 * expiry. Logging out or a role change revokes it for every bot instance sharing the store. What the person may see
 * is still read from the store on every request.
 */
export class Sessions {
  readonly #csrfKey: Buffer;

  constructor(
    secret: Buffer,
    private readonly repo: SessionRepo,
  ) {
    this.#csrfKey = deriveKey(secret, 'csrf');
  }

  async create(identity: string, now: Date): Promise<{ value: string; session: Session }> {
    const sid = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
    await this.repo.create({ idHash: hashOf(sid), identity, expiresAt: expiresAt.toISOString() }, now);
    return { value: sid, session: { identity, sid, expiresAt } };
  }

  async read(value: string | undefined, now: Date): Promise<Session | undefined> {
    if (!value || !/^[A-Za-z0-9_-]{43}$/.test(value)) return undefined;
    const record = await this.repo.findLive(hashOf(value), now);
    return record && { identity: record.identity, sid: value, expiresAt: new Date(record.expiresAt) };
  }

  async revoke(session: Session, now: Date): Promise<void> {
    await this.repo.revoke(hashOf(session.sid), now);
  }

  csrfToken(session: Session): string {
    return mac(this.#csrfKey, session.sid);
  }

  checkCsrf(session: Session, token: unknown): boolean {
    return typeof token === 'string' && sameMac(token, this.csrfToken(session));
  }
}
