import type { BindingCode, IdentityProofRepo, PendingCheckIn } from '../identity-proof-repo';
import type { SessionRecord, SessionRepo } from '../session-repo';
import type { Db } from './open-sqlite';
import { fromRow, parseJson, type Row } from './row-mapping';

function toPending(row: Row | undefined): PendingCheckIn | undefined {
  const p = fromRow<PendingCheckIn & { fields: string; candidateIds: string }>(row);
  return p && { ...p, fields: parseJson(p.fields, {}), candidateIds: parseJson(p.candidateIds, []) };
}

export function sqliteIdentityProofs(db: Db): IdentityProofRepo {
  const pendingById = db.prepare('SELECT * FROM pending_check_ins WHERE id = ?');
  const pendingByKey = db.prepare('SELECT * FROM pending_check_ins WHERE source_key = ?');
  const codeByKey = db.prepare('SELECT * FROM binding_codes WHERE source_key = ?');
  return {
    async openPending(p, now) {
      const open = db
        .prepare(
          `SELECT * FROM pending_check_ins WHERE platform = ? AND user_id = ? AND branch_id = ? AND status = 'pending'
        AND source_key <> ? ORDER BY id LIMIT 1`,
        )
        .get(p.platform, p.userId, p.branchId, p.sourceKey) as Row | undefined;
      if (open) return { pending: toPending(open)!, created: false };
      const info = db
        .prepare(
          `INSERT INTO pending_check_ins (platform, user_id, display_name, chat_id, chat_type, branch_id, name, text,
        fields, candidate_ids, source_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_key) DO NOTHING`,
        )
        .run(
          p.platform,
          p.userId,
          p.displayName ?? null,
          p.chatId,
          p.chatType,
          p.branchId,
          p.name,
          p.text,
          JSON.stringify(p.fields),
          JSON.stringify(p.candidateIds),
          p.sourceKey,
          now.toISOString(),
        );
      return { pending: toPending(pendingByKey.get(p.sourceKey) as Row)!, created: info.changes > 0 };
    },
    async getPending(id) {
      return toPending(pendingById.get(id) as Row | undefined);
    },
    async decidePending(id, d, now) {
      // Conditional on 'pending': of two secretaries deciding at once, exactly one update matches.
      const row = db
        .prepare(
          `UPDATE pending_check_ins SET status = ?, decided_by = ?, decision_key = ?, member_id = ?, decided_at = ?
        WHERE id = ? AND status = 'pending' RETURNING *`,
        )
        .get(d.status, d.decidedBy, d.decisionKey, d.memberId ?? null, now.toISOString(), id);
      return toPending(row as Row | undefined);
    },
    async issueCode(c, now) {
      const info = db
        .prepare(
          `INSERT INTO binding_codes (code_hash, member_id, issued_to, source_key, expires_at, created_at)
        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        )
        .run(c.codeHash, c.memberId, c.issuedTo, c.sourceKey, c.expiresAt, now.toISOString());
      return { code: fromRow<BindingCode>(codeByKey.get(c.sourceKey) as Row)!, created: info.changes > 0 };
    },
    async useCode(codeHash, usedBy, now) {
      const ts = now.toISOString();
      const row = db
        .prepare(
          `UPDATE binding_codes SET used_by = ?, used_at = ?
        WHERE code_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING *`,
        )
        .get(usedBy, ts, codeHash, ts);
      return fromRow<BindingCode>(row as Row | undefined);
    },
  };
}

export function sqliteSessions(db: Db): SessionRepo {
  return {
    async create(s, now) {
      db.prepare('INSERT INTO dashboard_sessions (id_hash, identity, created_at, expires_at) VALUES (?, ?, ?, ?)').run(
        s.idHash,
        s.identity,
        now.toISOString(),
        s.expiresAt,
      );
    },
    async findLive(idHash, now) {
      const row = db
        .prepare('SELECT * FROM dashboard_sessions WHERE id_hash = ? AND revoked_at IS NULL AND expires_at > ?')
        .get(idHash, now.toISOString());
      return fromRow<SessionRecord>(row as Row | undefined);
    },
    async revoke(idHash, now) {
      db.prepare('UPDATE dashboard_sessions SET revoked_at = ? WHERE id_hash = ? AND revoked_at IS NULL').run(
        now.toISOString(),
        idHash,
      );
    },
    async revokeIdentities(identities, now) {
      if (identities.length === 0) return 0;
      const marks = identities.map(() => '?').join(', ');
      const info = db
        .prepare(
          `UPDATE dashboard_sessions SET revoked_at = ? WHERE identity IN (${marks}) AND revoked_at IS NULL AND expires_at > ?`,
        )
        .run(now.toISOString(), ...identities, now.toISOString());
      return info.changes;
    },
  };
}
