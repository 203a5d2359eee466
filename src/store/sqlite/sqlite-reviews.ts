import { randomBytes } from 'node:crypto';
import type { Review, ReviewDraft, ReviewTally } from '../../reviews/review';
import type { ReviewRepo } from '../review-repo';
import { keyedInsert } from './keyed-insert';
import type { Db } from './open-sqlite';
import { fromRow, type Row } from './row-mapping';
import { addCount, answerChoices, emptyTally } from '../review-choices';

function toReview(row: Row | undefined): Review | undefined {
  const r = fromRow<Omit<Review, 'questions'> & { branchIds: string; questions?: string }>(row);
  if (!r) return undefined;
  const { questions, ...rest } = r;
  return {
    ...rest,
    branchIds: JSON.parse(r.branchIds) as number[],
    ...(questions === undefined ? {} : { questions: JSON.parse(questions) as Review['questions'] }),
  };
}

function tallyRows(db: Db, reviewId: number): ReviewTally[] {
  const byBranch = new Map<number, ReviewTally>();
  const tally = (branchId: number) => {
    let t = byBranch.get(branchId);
    if (!t) byBranch.set(branchId, (t = emptyTally(reviewId, branchId)));
    return t;
  };
  const counts = db
    .prepare('SELECT branch_id, choice, count FROM review_counts WHERE review_id = ? ORDER BY branch_id, choice')
    .all(reviewId) as Array<{ branch_id: number; choice: string; count: number }>;
  for (const c of counts) addCount(tally(c.branch_id), c.choice, c.count);
  const comments = db
    .prepare('SELECT branch_id, text FROM review_comments WHERE review_id = ? ORDER BY branch_id, random_key')
    .all(reviewId) as Array<{ branch_id: number; text: string }>;
  for (const c of comments) tally(c.branch_id).comments.push(c.text);
  return [...byBranch.values()];
}

export function sqliteReviews(db: Db): ReviewRepo {
  const markVoter = db.prepare('INSERT OR IGNORE INTO review_voters (review_id, member_id) VALUES (?, ?)');
  const bump = db.prepare(`INSERT INTO review_counts (review_id, branch_id, choice, count) VALUES (?, ?, ?, 1)
    ON CONFLICT (review_id, branch_id, choice) DO UPDATE SET count = count + 1`);
  const addComment = db.prepare(
    'INSERT INTO review_comments (review_id, branch_id, random_key, text) VALUES (?, ?, ?, ?)',
  );
  const dropDraft = db.prepare('DELETE FROM review_drafts WHERE member_id = ?');
  const vote = db.transaction((reviewId: number, memberId: number, branchId: number, answer) => {
    if (markVoter.run(reviewId, memberId).changes === 0) return false;
    for (const choice of answerChoices(answer)) bump.run(reviewId, branchId, choice);
    if (answer.comment !== undefined)
      addComment.run(reviewId, branchId, randomBytes(12).toString('hex'), answer.comment);
    dropDraft.run(memberId);
    return true;
  });
  return {
    async open(input, now) {
      const before = input.sourceKey
        ? (db.prepare('SELECT id FROM reviews WHERE source_key = ?').get(input.sourceKey) as Row | undefined)
        : undefined;
      const id = keyedInsert(
        db,
        'reviews',
        input.sourceKey,
        () =>
          db
            .prepare(
              `INSERT INTO reviews (name, branch_ids, closes_at, created_by, created_at, source_key, questions)
               VALUES (?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(
              input.name,
              JSON.stringify(input.branchIds),
              input.closesAt,
              input.createdBy,
              now.toISOString(),
              input.sourceKey ?? null,
              input.questions ? JSON.stringify(input.questions) : null,
            ).lastInsertRowid,
      );
      return { review: (await this.get(id))!, created: !before };
    },
    async get(id) {
      return toReview(db.prepare('SELECT * FROM reviews WHERE id = ?').get(id) as Row | undefined);
    },
    async list() {
      return (db.prepare('SELECT * FROM reviews ORDER BY id DESC').all() as Row[]).map((r) => toReview(r)!);
    },
    async vote(reviewId, memberId, branchId, answer) {
      return vote.immediate(reviewId, memberId, branchId, answer) as boolean;
    },
    async hasVoted(reviewId, memberId) {
      return !!db.prepare('SELECT 1 FROM review_voters WHERE review_id = ? AND member_id = ?').get(reviewId, memberId);
    },
    async voterIds(reviewId) {
      return (
        db.prepare('SELECT member_id FROM review_voters WHERE review_id = ? ORDER BY member_id').all(reviewId) as Row[]
      ).map((r) => r.member_id as number);
    },
    async tallies(reviewId) {
      return tallyRows(db, reviewId);
    },
    async saveDraft(d, now) {
      db.prepare(
        `INSERT INTO review_drafts (member_id, review_id, step, knows, overall, source_key, updated_at, choices)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (member_id) DO UPDATE SET review_id = excluded.review_id, step = excluded.step,
         knows = excluded.knows, overall = excluded.overall, source_key = excluded.source_key,
         updated_at = excluded.updated_at, choices = excluded.choices`,
      ).run(
        d.memberId,
        d.reviewId,
        d.step,
        d.knows === undefined ? null : Number(d.knows),
        d.overall ?? null,
        d.sourceKey ?? null,
        now.toISOString(),
        d.choices ? JSON.stringify(d.choices) : null,
      );
    },
    async getDraft(memberId) {
      const row = fromRow<Omit<ReviewDraft, 'knows' | 'choices'> & { knows?: number; choices?: string }>(
        db
          .prepare(
            'SELECT member_id, review_id, step, knows, overall, source_key, updated_at, choices FROM review_drafts WHERE member_id = ?',
          )
          .get(memberId) as Row | undefined,
      );
      if (!row) return undefined;
      const { knows, choices, ...rest } = row;
      return {
        ...rest,
        knows: knows === undefined ? undefined : knows === 1,
        ...(choices === undefined ? {} : { choices: JSON.parse(choices) as ReviewDraft['choices'] }),
      };
    },
    async dropDraft(memberId) {
      dropDraft.run(memberId);
    },
  };
}
