/** Proof check runs (one per revision of a submission) and the screenshot rules of a task. */
export const proofChecksSchema = {
  version: 1720,
  name: 'proof-checks',
  sql: `
CREATE TABLE proof_checks (
  submission_id INTEGER NOT NULL REFERENCES submissions(id),
  source_key TEXT NOT NULL,
  status TEXT NOT NULL,
  doubts TEXT NOT NULL,
  facts TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  finished_at TEXT,
  PRIMARY KEY (submission_id, source_key)
);
CREATE INDEX proof_checks_pending ON proof_checks(status, created_at);
ALTER TABLE tasks ADD COLUMN screenshot_proof INTEGER;
ALTER TABLE tasks ADD COLUMN proof_keywords TEXT;
`,
};
