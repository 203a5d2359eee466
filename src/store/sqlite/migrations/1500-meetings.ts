/** Meetings (组织生活) and their attendance: one row per member and meeting. */
export const meetingsSchema = {
  version: 1500,
  name: 'meetings',
  sql: `
CREATE TABLE meetings (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  branch_id INTEGER NOT NULL REFERENCES branches(id),
  title TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('general','committee','group','lecture','themeDay')),
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  place TEXT,
  online_url TEXT,
  sign_in_lead_minutes INTEGER NOT NULL,
  points INTEGER NOT NULL,
  photo_required INTEGER NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL,
  source_key TEXT UNIQUE,
  created_at TEXT NOT NULL
);
CREATE INDEX meetings_branch_start ON meetings(branch_id, starts_at);
CREATE INDEX meetings_start ON meetings(starts_at);
CREATE TABLE meeting_attendance (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  meeting_id INTEGER NOT NULL REFERENCES meetings(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  status TEXT NOT NULL CHECK (status IN ('present','leave')),
  reason TEXT,
  photo TEXT,
  identity TEXT NOT NULL,
  source_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (meeting_id, member_id)
);
CREATE INDEX meeting_attendance_member ON meeting_attendance(member_id, id);
`,
};
