import type { DumpRecord } from '../dump';
import type { Db } from './open-sqlite';
import type { SqliteTableSpec } from './sqlite-dump';

/*
 * The answer side of reviews is kept in WITHOUT ROWID tables (no rowid to page by, and none that orders votes), and
 * its dump records take the MongoDB adapter's grouped form so one checksum covers both: the voters of a review as
 * one sorted list, and each review×branch's counters (under field-safe names, `know_yes`) with its comments sorted by
 * their random keys. Counts and comments never name a member, in the dump as in the tables.
 */

const votersKey = (reviewId: number) => `R${reviewId}`;
const countsKey = (reviewId: number, branchId: number) => `R${reviewId}:B${branchId}`;

function voterRecords(db: Db): DumpRecord[] {
  const rows = db
    .prepare('SELECT review_id, member_id FROM review_voters ORDER BY review_id, member_id')
    .all() as Array<{
    review_id: number;
    member_id: number;
  }>;
  const byReview = new Map<number, number[]>();
  for (const r of rows) byReview.set(r.review_id, [...(byReview.get(r.review_id) ?? []), r.member_id]);
  return [...byReview].map(([reviewId, voters]) => ({ key: votersKey(reviewId), voters }));
}

function writeVoters(record: DumpRecord, db: Db): void {
  const reviewId = Number(String(record.key).slice(1));
  db.prepare('DELETE FROM review_voters WHERE review_id = ?').run(reviewId);
  const add = db.prepare('INSERT INTO review_voters (review_id, member_id) VALUES (?, ?)');
  for (const memberId of record.voters as number[]) add.run(reviewId, memberId);
}

type CountsRecord = DumpRecord & {
  reviewId: number;
  branchId: number;
  counts: Record<string, number>;
  comments: Array<{ k: string; text: string }>;
};

function countRecords(db: Db): DumpRecord[] {
  const groups = new Map<string, CountsRecord>();
  const group = (reviewId: number, branchId: number) => {
    const key = countsKey(reviewId, branchId);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, reviewId, branchId, counts: {}, comments: [] }));
    return g;
  };
  const counts = db
    .prepare('SELECT review_id, branch_id, choice, count FROM review_counts ORDER BY review_id, branch_id, choice')
    .all() as Array<{ review_id: number; branch_id: number; choice: string; count: number }>;
  for (const c of counts) group(c.review_id, c.branch_id).counts[c.choice.replace(':', '_')] = c.count;
  const comments = db
    .prepare(
      'SELECT review_id, branch_id, random_key, text FROM review_comments ORDER BY review_id, branch_id, random_key',
    )
    .all() as Array<{ review_id: number; branch_id: number; random_key: string; text: string }>;
  for (const c of comments) group(c.review_id, c.branch_id).comments.push({ k: c.random_key, text: c.text });
  return [...groups.values()];
}

function writeCounts(record: DumpRecord, db: Db): void {
  const { reviewId, branchId, counts, comments } = record as CountsRecord;
  for (const table of ['review_counts', 'review_comments'])
    db.prepare(`DELETE FROM ${table} WHERE review_id = ? AND branch_id = ?`).run(reviewId, branchId);
  const add = db.prepare('INSERT INTO review_counts (review_id, branch_id, choice, count) VALUES (?, ?, ?, ?)');
  for (const [choice, n] of Object.entries(counts ?? {})) add.run(reviewId, branchId, choice.replace('_', ':'), n);
  const say = db.prepare('INSERT INTO review_comments (review_id, branch_id, random_key, text) VALUES (?, ?, ?, ?)');
  for (const c of comments ?? []) say.run(reviewId, branchId, c.k, c.text);
}

/** The review collections of the SQLite dump. Dialogue drafts are left out: see DUMP_COLLECTIONS. */
export const reviewDumpSpecs: Record<string, SqliteTableSpec> = {
  reviews: { table: 'reviews', key: ['id'], json: ['branchIds', 'questions'] },
  reviewVoters: { table: 'review_voters', key: [], grouped: { records: voterRecords, write: writeVoters } },
  reviewCounts: { table: 'review_counts', key: [], grouped: { records: countRecords, write: writeCounts } },
};
