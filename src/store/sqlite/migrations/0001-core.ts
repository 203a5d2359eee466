/** Core schema: people, chats, tasks, proof, ledger, inbox/outbox, audit. */
export const coreSchema = {
  version: 1,
  name: 'core',
  sql: `
CREATE TABLE branches (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('home','host')),
  township TEXT,
  created_at TEXT NOT NULL
);
CREATE TABLE members (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  gender TEXT, birth_month TEXT, education TEXT, phone TEXT, joined_party_month TEXT,
  occupation TEXT, employer TEXT, departure_month TEXT, dest_province TEXT, dest_city TEXT, family_note TEXT,
  certificate_status TEXT NOT NULL DEFAULT 'none',
  status TEXT NOT NULL DEFAULT 'active',
  home_branch_id INTEGER REFERENCES branches(id),
  host_branch_id INTEGER REFERENCES branches(id),
  last_seen_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX members_home ON members(home_branch_id);
CREATE INDEX members_host ON members(host_branch_id);
CREATE INDEX members_name ON members(name);
CREATE TABLE identities (
  platform TEXT NOT NULL,
  user_id TEXT NOT NULL,
  member_id INTEGER NOT NULL REFERENCES members(id),
  display_name TEXT,
  PRIMARY KEY (platform, user_id)
);
CREATE INDEX identities_member ON identities(member_id);
CREATE TABLE chats (
  platform TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  chat_type TEXT NOT NULL,
  title TEXT,
  branch_id INTEGER REFERENCES branches(id),
  push TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (platform, chat_id)
);
CREATE INDEX chats_branch ON chats(branch_id);
CREATE TABLE role_grants (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  role TEXT NOT NULL CHECK (role IN ('admin','secretary')),
  member_id INTEGER NOT NULL REFERENCES members(id),
  branch_id INTEGER REFERENCES branches(id),
  granted_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX role_grants_unique ON role_grants(role, member_id, IFNULL(branch_id, 0));
CREATE TABLE check_ins (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  member_id INTEGER NOT NULL REFERENCES members(id),
  branch_id INTEGER NOT NULL REFERENCES branches(id),
  identity TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  branch_id INTEGER NOT NULL REFERENCES branches(id),
  title TEXT NOT NULL,
  content TEXT NOT NULL,
  deadline TEXT NOT NULL,
  points INTEGER NOT NULL,
  proof_kinds TEXT NOT NULL,
  min_chars INTEGER NOT NULL,
  late_rule TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX tasks_branch_deadline ON tasks(branch_id, deadline);
CREATE TABLE submissions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  note TEXT NOT NULL,
  links TEXT NOT NULL,
  late INTEGER NOT NULL,
  status TEXT NOT NULL,
  review_note TEXT,
  source_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (task_id, member_id)
);
CREATE TABLE submission_media (
  submission_id INTEGER NOT NULL REFERENCES submissions(id),
  position INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT,
  PRIMARY KEY (submission_id, position)
);
CREATE INDEX submission_media_hash ON submission_media(sha256);
CREATE TABLE ledger (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  member_id INTEGER NOT NULL REFERENCES members(id),
  delta INTEGER NOT NULL,
  reason TEXT NOT NULL,
  kind TEXT NOT NULL,
  task_id INTEGER,
  submission_id INTEGER,
  actor TEXT NOT NULL,
  idem_key TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE INDEX ledger_member_time ON ledger(member_id, created_at);
CREATE INDEX ledger_time ON ledger(created_at);
CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TABLE inbox (
  key TEXT PRIMARY KEY,
  message TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'received',
  error TEXT,
  received_at TEXT NOT NULL,
  processed_at TEXT
);
CREATE INDEX inbox_status ON inbox(status, received_at);
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  platform TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  chat_type TEXT NOT NULL,
  text TEXT NOT NULL,
  mentions TEXT,
  reply_hint TEXT,
  idem_key TEXT UNIQUE,
  status TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  claimed_by TEXT,
  claimed_until TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE TABLE chat_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  platform TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  sender TEXT NOT NULL,
  text TEXT NOT NULL,
  mentions TEXT,
  at TEXT NOT NULL
);
CREATE INDEX chat_log_chat ON chat_log(platform, chat_id, id);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  detail TEXT,
  created_at TEXT NOT NULL
);
CREATE TABLE pending_media (
  key TEXT PRIMARY KEY,
  media TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
`,
};
