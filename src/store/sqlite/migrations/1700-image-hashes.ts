/** Perceptual hashes of image proofs; one row per (submission, image), read in id order by every instance's index. */
export const imageHashesSchema = {
  version: 1700,
  name: 'image-hashes',
  sql: `
CREATE TABLE image_hashes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  hash TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  submission_id INTEGER NOT NULL,
  member_id INTEGER NOT NULL,
  task_id INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (submission_id, sha256)
);
`,
};
