/**
 * 微心愿 and volunteer activities (奉献) and the members' claims on them. A claim holds a numbered place (slot); the
 * unique (item, slot) pair is what keeps racing claims within the places, (item, member) one claim per member. A
 * cancelled claim moves to slot −id, which no place uses.
 */
export const serviceSchema = {
  version: 1530,
  name: 'service',
  sql: `
CREATE TABLE service_items (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  branch_id INTEGER NOT NULL REFERENCES branches(id),
  title TEXT NOT NULL,
  content TEXT NOT NULL,
  places INTEGER NOT NULL,
  points INTEGER NOT NULL,
  time TEXT,
  place TEXT,
  deadline TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  source_key TEXT UNIQUE
);
CREATE INDEX service_items_branch ON service_items(branch_id, id);
CREATE TABLE service_claims (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  item_id INTEGER NOT NULL REFERENCES service_items(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  status TEXT NOT NULL,
  slot INTEGER NOT NULL,
  note TEXT,
  media TEXT NOT NULL DEFAULT '[]',
  claimed_at TEXT NOT NULL,
  completed_at TEXT,
  confirmed_at TEXT,
  confirmed_by TEXT,
  source_key TEXT NOT NULL,
  UNIQUE (item_id, member_id),
  UNIQUE (item_id, slot)
);
`,
};
