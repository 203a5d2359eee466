/** DingTalk: durable counters for per-org monthly call quotas. */
export const countersSchema = {
  version: 400,
  name: 'counters',
  sql: `
CREATE TABLE counters (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL,
  updated_at TEXT NOT NULL
);
`,
};
