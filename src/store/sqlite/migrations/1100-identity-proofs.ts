/** Proven identities: pending check-ins a secretary decides, one-time binding codes, server-side dashboard sessions. */
export const identityProofsSchema = {
  version: 1100,
  name: 'identity-proofs',
  sql: `
CREATE TABLE pending_check_ins (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  platform TEXT NOT NULL,
  user_id TEXT NOT NULL,
  display_name TEXT,
  chat_id TEXT NOT NULL,
  chat_type TEXT NOT NULL,
  branch_id INTEGER NOT NULL REFERENCES branches(id),
  name TEXT NOT NULL,
  text TEXT NOT NULL,
  fields TEXT NOT NULL,
  candidate_ids TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','confirmed','rejected')),
  member_id INTEGER REFERENCES members(id),
  decided_by TEXT,
  decision_key TEXT,
  source_key TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  decided_at TEXT
);
CREATE INDEX pending_check_ins_account ON pending_check_ins(platform, user_id, branch_id, status);
CREATE TABLE binding_codes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  code_hash TEXT NOT NULL UNIQUE,
  member_id INTEGER NOT NULL REFERENCES members(id),
  issued_to TEXT NOT NULL,
  source_key TEXT NOT NULL UNIQUE,
  expires_at TEXT NOT NULL,
  used_by TEXT,
  used_at TEXT,
  created_at TEXT NOT NULL
);
CREATE TABLE dashboard_sessions (
  id_hash TEXT PRIMARY KEY,
  identity TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX dashboard_sessions_identity ON dashboard_sessions(identity);
`,
};
