import type { NonceRepo } from '../nonce-repo';
import type { Db } from './open-sqlite';

export function sqliteNonces(db: Db): NonceRepo {
  // One statement decides: an insert, or a takeover only when the holder expired or is the same fingerprint.
  const claim = db.prepare(`INSERT INTO nonces (key, fingerprint, expires_at) VALUES (?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET fingerprint = excluded.fingerprint, expires_at = excluded.expires_at
    WHERE nonces.fingerprint = excluded.fingerprint OR nonces.expires_at <= ?`);
  const prune = db.prepare('DELETE FROM nonces WHERE expires_at <= ?');
  return {
    async claim(key, fingerprint, expiresAt, now) {
      prune.run(now.toISOString());
      return claim.run(key, fingerprint, expiresAt.toISOString(), now.toISOString()).changes === 1;
    },
  };
}
