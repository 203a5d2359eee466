/**
 * What a handler creates is keyed by the dedupe key of the message that caused it, so handling a message again
 * (crash recovery) finds the row instead of making a second one. NULL for rows made by jobs, imports and the
 * dashboard. Also indexes the ledger by submission, which every review settles against.
 */
export const sourceKeysSchema = {
  version: 1130,
  name: 'source-keys',
  sql: `
ALTER TABLE tasks ADD COLUMN source_key TEXT;
CREATE UNIQUE INDEX tasks_source_key ON tasks(source_key);
ALTER TABLE members ADD COLUMN source_key TEXT;
CREATE UNIQUE INDEX members_source_key ON members(source_key);
ALTER TABLE check_ins ADD COLUMN source_key TEXT;
CREATE UNIQUE INDEX check_ins_source_key ON check_ins(source_key);
ALTER TABLE task_bank ADD COLUMN source_key TEXT;
CREATE UNIQUE INDEX task_bank_source_key ON task_bank(source_key);
ALTER TABLE audit_log ADD COLUMN source_key TEXT;
CREATE UNIQUE INDEX audit_log_source_key ON audit_log(source_key);
CREATE INDEX ledger_submission ON ledger(submission_id);
`,
};
