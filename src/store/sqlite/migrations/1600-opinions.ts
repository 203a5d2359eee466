/**
 * Opinions and suggestions: the opinion with its state, its append-only history, and the sender link in a table of
 * its own so that an anonymous opinion's row holds no member at all (a CHECK keeps it that way).
 */
export const opinionsSchema = {
  version: 1600,
  name: 'opinions',
  sql: `
CREATE TABLE opinions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('opinion','suggestion')),
  category TEXT NOT NULL CHECK (category IN ('jobs','medical','schooling','other','branch-work')),
  content TEXT NOT NULL,
  anonymous INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
  member_id INTEGER REFERENCES members(id),
  branch_id INTEGER NOT NULL REFERENCES branches(id),
  branch_side TEXT NOT NULL CHECK (branch_side IN ('home','host')),
  status TEXT NOT NULL DEFAULT 'received' CHECK (status IN ('received','answered','closed','referred')),
  answer TEXT,
  result TEXT,
  refer_reason TEXT,
  disputes INTEGER NOT NULL DEFAULT 0,
  dispute_reason TEXT,
  answered_at TEXT,
  closed_at TEXT,
  confirmed_at TEXT,
  referred_at TEXT,
  digested_at TEXT,
  admin_notified_at TEXT,
  platform TEXT NOT NULL,
  source_key TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (anonymous = 0 OR member_id IS NULL)
);
CREATE INDEX opinions_branch ON opinions(branch_id, id);
CREATE INDEX opinions_status ON opinions(status, created_at);
CREATE TABLE opinion_senders (
  opinion_id INTEGER PRIMARY KEY REFERENCES opinions(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  platform TEXT NOT NULL
);
CREATE INDEX opinion_senders_member ON opinion_senders(member_id, opinion_id);
CREATE TABLE opinion_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  opinion_id INTEGER NOT NULL REFERENCES opinions(id),
  kind TEXT NOT NULL,
  actor TEXT NOT NULL,
  text TEXT,
  idem_key TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE INDEX opinion_events_opinion ON opinion_events(opinion_id, id);
CREATE TRIGGER opinion_events_no_update BEFORE UPDATE ON opinion_events BEGIN SELECT RAISE(ABORT, 'opinion history is append-only'); END;
CREATE TRIGGER opinion_events_no_delete BEFORE DELETE ON opinion_events BEGIN SELECT RAISE(ABORT, 'opinion history is append-only'); END;
`,
};
