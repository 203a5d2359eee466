import { randomBytes } from 'node:crypto';
import { Schema } from 'mongoose';
import type { Review, ReviewDraft } from '../../reviews/review';
import type { ReviewRepo } from '../review-repo';
import { addCount, answerChoices, emptyTally } from '../review-choices';
import { compact, fromDoc, type NumberedDoc } from './mongo-docs';
import type { MongoModels } from './mongo-models';
import { Mixed, num, optStr, schema, str } from './mongo-schema';
import type { MongoSequences } from './mongo-sequences';
import { SOURCE_KEY_INDEX, createOnce, isDuplicateOn } from './mongo-util';

export type ReviewDoc = NumberedDoc<Review>;
/** One per review: the voters as one sorted list, so neither order nor time links a voter to a vote. */
export interface ReviewVotersDoc {
  _id: string;
  voters: number[];
}
/** One per review and branch: counters and comments sorted by a random key. */
export interface ReviewCountsDoc {
  _id: string;
  reviewId: number;
  branchId: number;
  counts: Record<string, number>;
  comments: Array<{ k: string; text: string }>;
}
export type ReviewDraftDoc = Omit<ReviewDraft, 'memberId'> & { _id: string; memberId: number; updatedAt: string };

// No `_id` on a comment: an ObjectId would carry the moment it was written.
const commentSchema = new Schema({ k: str, text: str }, { _id: false, id: false, versionKey: false });

export const reviewSchemas = {
  reviews: schema<ReviewDoc>(
    'reviews',
    {
      _id: Number,
      name: str,
      branchIds: [Number],
      closesAt: str,
      createdBy: str,
      createdAt: str,
      sourceKey: optStr,
      questions: { type: Mixed, default: undefined },
    },
    [SOURCE_KEY_INDEX],
  ),
  reviewVoters: schema<ReviewVotersDoc>('review_voters', { _id: String, voters: [Number] }),
  reviewCounts: schema<ReviewCountsDoc>(
    'review_counts',
    { _id: String, reviewId: num, branchId: num, counts: Mixed, comments: [commentSchema] },
    [[{ reviewId: 1 }]],
  ),
  reviewDrafts: schema<ReviewDraftDoc>('review_drafts', {
    _id: String,
    memberId: num,
    reviewId: num,
    step: str,
    knows: Boolean,
    overall: optStr,
    sourceKey: optStr,
    updatedAt: str,
    choices: { type: Mixed, default: undefined },
  }),
};

const draftId = (memberId: number) => `m${memberId}`;

export function mongoReviews(m: MongoModels, seq: MongoSequences): ReviewRepo {
  const get = async (id: number) => fromDoc(await m.reviews.findById(id).lean<ReviewDoc>());
  /** The atomic "once": the filter misses when the member is listed, and the upsert then collides on `_id`. */
  const claim = async (reviewId: number, memberId: number) => {
    try {
      await m.reviewVoters.updateOne(
        { _id: `R${reviewId}`, voters: { $ne: memberId } },
        { $push: { voters: { $each: [memberId], $sort: 1 } } },
        { upsert: true },
      );
      return true;
    } catch (err) {
      if (isDuplicateOn(err, '_id')) return false;
      throw err;
    }
  };
  return {
    async open(input, now) {
      const key = input.sourceKey;
      const before = key !== undefined && (await m.reviews.exists({ sourceKey: { $eq: key, $type: 'string' } }));
      const doc = await createOnce(m.reviews, key, () =>
        seq.insert<ReviewDoc>('reviews', (_id) => compact<ReviewDoc>({ _id, ...input, createdAt: now.toISOString() })),
      );
      return { review: fromDoc(doc)!, created: !before };
    },
    get,
    async list() {
      return (await m.reviews.find({}).sort({ _id: -1 }).lean<ReviewDoc[]>()).map((d) => fromDoc(d)!);
    },
    async vote(reviewId, memberId, branchId, answer) {
      if (!(await claim(reviewId, memberId))) return false;
      // Two writes: a crash between them keeps the mark without the answer (the member cannot vote again), never
      // an answer without its mark.
      const inc = Object.fromEntries(answerChoices(answer).map((c) => [`counts.${c.replace(':', '_')}`, 1]));
      const push =
        answer.comment === undefined
          ? {}
          : {
              $push: {
                comments: { $each: [{ k: randomBytes(12).toString('hex'), text: answer.comment }], $sort: { k: 1 } },
              },
            };
      await m.reviewCounts.updateOne(
        { _id: `R${reviewId}:B${branchId}` },
        { $inc: inc, $setOnInsert: { reviewId, branchId }, ...push },
        { upsert: true },
      );
      await m.reviewDrafts.deleteOne({ _id: draftId(memberId) });
      return true;
    },
    async hasVoted(reviewId, memberId) {
      return !!(await m.reviewVoters.exists({ _id: `R${reviewId}`, voters: memberId }));
    },
    async voterIds(reviewId) {
      return (await m.reviewVoters.findById(`R${reviewId}`).lean<ReviewVotersDoc>())?.voters ?? [];
    },
    async tallies(reviewId) {
      const docs = await m.reviewCounts.find({ reviewId }).sort({ branchId: 1 }).lean<ReviewCountsDoc[]>();
      return docs.map((d) => {
        const t = emptyTally(reviewId, d.branchId);
        for (const [choice, n] of Object.entries(d.counts ?? {})) addCount(t, choice, n);
        t.comments = [...(d.comments ?? [])].sort((a, b) => (a.k < b.k ? -1 : 1)).map((c) => c.text);
        return t;
      });
    },
    async saveDraft(d, now) {
      await m.reviewDrafts.replaceOne(
        { _id: draftId(d.memberId) },
        compact<ReviewDraftDoc>({ ...d, _id: draftId(d.memberId), updatedAt: now.toISOString() }),
        { upsert: true },
      );
    },
    async getDraft(memberId) {
      const d = await m.reviewDrafts.findById(draftId(memberId)).lean<ReviewDraftDoc>();
      if (!d) return undefined;
      return compact<ReviewDraft>({
        memberId: d.memberId,
        reviewId: d.reviewId,
        step: d.step,
        knows: d.knows,
        overall: d.overall,
        sourceKey: d.sourceKey,
        updatedAt: d.updatedAt,
        choices: d.choices,
      });
    },
    async dropDraft(memberId) {
      await m.reviewDrafts.deleteOne({ _id: draftId(memberId) });
    },
  };
}
