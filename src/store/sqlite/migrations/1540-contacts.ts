/** Talks and visits, Spring Festival homecomings (one per member and season), and mobile-member certificates. */
export const contactsSchema = {
  version: 1540,
  name: 'contacts',
  sql: `
CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id),
  kind TEXT NOT NULL,
  note TEXT NOT NULL,
  media TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  source_key TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE INDEX contacts_member ON contacts(member_id, created_at);
CREATE TABLE homecomings (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id),
  branch_id INTEGER NOT NULL REFERENCES branches(id),
  season TEXT NOT NULL,
  stay_until TEXT,
  text TEXT NOT NULL,
  source_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (member_id, season)
);
CREATE INDEX homecomings_branch ON homecomings(branch_id, season);
CREATE TABLE certificates (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id),
  branch_id INTEGER NOT NULL REFERENCES branches(id),
  issued_by TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  destination TEXT,
  departure_month TEXT,
  source_key TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE INDEX certificates_member ON certificates(member_id);
`,
};
