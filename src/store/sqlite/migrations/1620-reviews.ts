/**
 * Satisfaction reviews. Choices live only as counts and comments under random keys; voter marks hold no time. The
 * answer-side tables are WITHOUT ROWID, so even their physical order (by key) says nothing about when a vote came.
 */
export const reviewsSchema = {
  version: 1620,
  name: 'reviews',
  sql: `
CREATE TABLE reviews (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  branch_ids TEXT NOT NULL,
  closes_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  source_key TEXT UNIQUE
);
CREATE TABLE review_voters (
  review_id INTEGER NOT NULL,
  member_id INTEGER NOT NULL,
  PRIMARY KEY (review_id, member_id)
) WITHOUT ROWID;
CREATE TABLE review_counts (
  review_id INTEGER NOT NULL,
  branch_id INTEGER NOT NULL,
  choice TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (review_id, branch_id, choice)
) WITHOUT ROWID;
CREATE TABLE review_comments (
  review_id INTEGER NOT NULL,
  branch_id INTEGER NOT NULL,
  random_key TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (review_id, branch_id, random_key)
) WITHOUT ROWID;
CREATE TABLE review_drafts (
  member_id INTEGER PRIMARY KEY,
  review_id INTEGER NOT NULL,
  step TEXT NOT NULL,
  knows INTEGER,
  overall TEXT,
  source_key TEXT,
  updated_at TEXT NOT NULL
);
`,
};
