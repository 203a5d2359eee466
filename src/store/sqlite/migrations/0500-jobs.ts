/** Scheduled jobs: task bank, branch push plans, job fires (exactly-once claims) and per-item done-marks. */
export const jobsSchema = {
  version: 500,
  name: 'jobs',
  sql: `
CREATE TABLE task_bank (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  branch_id INTEGER NOT NULL REFERENCES branches(id),
  title TEXT NOT NULL,
  content TEXT NOT NULL,
  points INTEGER NOT NULL,
  proof_kinds TEXT NOT NULL,
  min_chars INTEGER NOT NULL,
  late_rule TEXT NOT NULL,
  duration_days INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  slot_key TEXT,
  reserved_at TEXT,
  task_id INTEGER REFERENCES tasks(id)
);
CREATE UNIQUE INDEX task_bank_slot ON task_bank(branch_id, slot_key);
CREATE INDEX task_bank_branch ON task_bank(branch_id, id);
CREATE TABLE push_schedules (
  branch_id INTEGER PRIMARY KEY REFERENCES branches(id),
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  time TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE job_runs (
  job TEXT NOT NULL,
  fire_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running','done','failed')),
  run_trigger TEXT NOT NULL,
  owner TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  summary TEXT,
  sent INTEGER,
  error TEXT,
  PRIMARY KEY (job, fire_at)
);
CREATE TABLE job_marks (
  key TEXT PRIMARY KEY,
  job TEXT NOT NULL,
  at TEXT NOT NULL
);
`,
};
