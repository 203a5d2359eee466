/** A dashboard session, server-side: the cookie carries only a random id, the store keeps its hash. */
export interface SessionRecord {
  /** SHA-256 of the session id (a copy of the database holds no usable cookie). */
  idHash: string;
  identity: string;
  createdAt: string;
  expiresAt: string;
  revokedAt?: string;
}

export interface SessionRepo {
  create(record: Pick<SessionRecord, 'idHash' | 'identity' | 'expiresAt'>, now: Date): Promise<void>;
  /** The session when it exists, is not revoked and has not expired. */
  findLive(idHash: string, now: Date): Promise<SessionRecord | undefined>;
  revoke(idHash: string, now: Date): Promise<void>;
  /** Revokes every live session of these identities (their roles changed); returns how many. */
  revokeIdentities(identities: string[], now: Date): Promise<number>;
}
