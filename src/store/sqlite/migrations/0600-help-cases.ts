/** Help cases: the case with its current state, and its append-only history. */
export const helpCasesSchema = {
  version: 600,
  name: 'help-cases',
  sql: `
CREATE TABLE help_cases (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  member_id INTEGER NOT NULL REFERENCES members(id),
  category TEXT NOT NULL CHECK (category IN ('jobs','medical','schooling','other')),
  content TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','replied','closed')),
  home_branch_id INTEGER REFERENCES branches(id),
  host_branch_id INTEGER REFERENCES branches(id),
  assignee_id INTEGER REFERENCES members(id),
  platform TEXT NOT NULL,
  source_key TEXT NOT NULL UNIQUE,
  result TEXT,
  rating TEXT CHECK (rating IN ('satisfied','unsatisfied')),
  first_reply_at TEXT,
  escalated_at TEXT,
  closed_at TEXT,
  rated_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX help_cases_member ON help_cases(member_id, id);
CREATE INDEX help_cases_status ON help_cases(status, created_at);
CREATE INDEX help_cases_home ON help_cases(home_branch_id, id);
CREATE INDEX help_cases_host ON help_cases(host_branch_id, id);
CREATE INDEX help_cases_assignee ON help_cases(assignee_id, id);
CREATE TABLE help_case_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id INTEGER NOT NULL REFERENCES help_cases(id),
  kind TEXT NOT NULL,
  actor TEXT NOT NULL,
  text TEXT,
  idem_key TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE INDEX help_case_events_case ON help_case_events(case_id, id);
CREATE TRIGGER help_case_events_no_update BEFORE UPDATE ON help_case_events BEGIN SELECT RAISE(ABORT, 'help case history is append-only'); END;
CREATE TRIGGER help_case_events_no_delete BEFORE DELETE ON help_case_events BEGIN SELECT RAISE(ABORT, 'help case history is append-only'); END;
`,
};
