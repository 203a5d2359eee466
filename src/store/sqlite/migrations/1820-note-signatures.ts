/**
 * MinHash signatures of proof notes and their band index, per task. Derived data: a submission without a row (one
 * written before this migration, or copied in by `zhibu migrate`) is signed by the next near-copy check of its task.
 */
export const noteSignaturesSchema = {
  version: 1820,
  name: 'note-signatures',
  sql: `
CREATE TABLE note_signatures (
  submission_id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL,
  source_key TEXT NOT NULL,
  minima BLOB NOT NULL
);
CREATE TABLE note_bands (
  task_id INTEGER NOT NULL,
  band INTEGER NOT NULL,
  submission_id INTEGER NOT NULL,
  PRIMARY KEY (task_id, band, submission_id)
) WITHOUT ROWID;
CREATE INDEX note_bands_submission ON note_bands(submission_id);
`,
};
