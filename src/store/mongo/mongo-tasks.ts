import type { SubmissionMedia } from '../../model';
import type { PendingMediaRepo, SubmissionRepo, SubmissionUpsert, TaskRepo } from '../store';
import { fromDoc, type PendingMediaDoc, type SubmissionDoc, type TaskDoc } from './mongo-docs';
import type { MongoModels } from './mongo-models';
import type { MongoSequences } from './mongo-sequences';
import { createOnce, isDuplicateOn } from './mongo-util';

const toMedia = (media: SubmissionMedia[]): SubmissionMedia[] =>
  media.map((x) =>
    x.name === undefined ? { sha256: x.sha256, kind: x.kind } : { sha256: x.sha256, kind: x.kind, name: x.name },
  );

/** Media sub-documents come back without their optional `name` when it was never set. */
const toSubmission = (doc: SubmissionDoc | null) => {
  const s = fromDoc(doc);
  return s && { ...s, links: [...s.links], media: toMedia(s.media) };
};

export function mongoTasks(m: MongoModels, seq: MongoSequences): TaskRepo {
  return {
    async create(f, now, sourceKey) {
      return fromDoc(
        await createOnce<TaskDoc>(m.tasks, sourceKey, () =>
          seq.insert<TaskDoc>('tasks', (_id) => ({
            _id,
            branchId: f.branchId,
            title: f.title,
            content: f.content,
            deadline: f.deadline,
            points: f.points,
            proofKinds: [...f.proofKinds],
            minChars: f.minChars,
            lateRule: f.lateRule,
            createdBy: f.createdBy,
            createdAt: now.toISOString(),
            ...(sourceKey !== undefined ? { sourceKey } : {}),
            ...(f.screenshotProof ? { screenshotProof: true } : {}),
            ...(f.proofKeywords?.length ? { proofKeywords: [...f.proofKeywords] } : {}),
          })),
        ),
      )!;
    },
    async get(id) {
      return fromDoc(await m.tasks.findById(id).lean<TaskDoc>());
    },
    async listByBranches(branchIds, opts = {}) {
      if (branchIds.length === 0) return [];
      const live = opts.withdrawn ? {} : { withdrawnAt: { $exists: false } };
      const query = opts.openAt
        ? m.tasks
            .find({ branchId: { $in: branchIds }, deadline: { $gt: opts.openAt.toISOString() }, ...live })
            .sort({ deadline: 1, _id: 1 })
        : m.tasks.find({ branchId: { $in: branchIds }, ...live }).sort({ _id: -1 });
      return (await query.lean<TaskDoc[]>()).map((d) => fromDoc(d)!);
    },
    async update(id, changes) {
      const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined && v !== false));
      // A rule turned off is absent, as in SQLite (where NULL and 0 read back as absent).
      const unset = changes.screenshotProof === false ? { $unset: { screenshotProof: '' as const } } : {};
      const doc = await m.tasks
        .findOneAndUpdate(
          { _id: id, withdrawnAt: { $exists: false } },
          { $set: set, ...unset },
          { returnDocument: 'after' },
        )
        .lean<TaskDoc>();
      return fromDoc(doc);
    },
    async withdraw(id, reason, now) {
      const set = { withdrawnAt: now.toISOString(), ...(reason ? { withdrawReason: reason } : {}) };
      const doc = await m.tasks
        .findOneAndUpdate({ _id: id, withdrawnAt: { $exists: false } }, { $set: set }, { returnDocument: 'after' })
        .lean<TaskDoc>();
      return fromDoc(doc);
    },
  };
}

/**
 * The proof is embedded in the submission document, so replacing a submission and its media is one atomic
 * single-document write (SQLite needs a transaction over two tables for the same).
 */
export function mongoSubmissions(m: MongoModels, seq: MongoSequences): SubmissionRepo {
  const replace = (id: number, input: SubmissionUpsert, ts: string) =>
    m.submissions
      .findOneAndUpdate(
        { _id: id },
        {
          $set: {
            note: input.note,
            links: input.links,
            media: toMedia(input.media),
            late: input.late,
            status: input.status,
            sourceKey: input.sourceKey,
            updatedAt: ts,
          },
        },
        { returnDocument: 'after' },
      )
      .lean<SubmissionDoc>();
  return {
    async upsert(input, now) {
      const ts = now.toISOString();
      const key = { taskId: input.taskId, memberId: input.memberId };
      const existing = await m.submissions.findOne(key, { _id: 1 }).lean<{ _id: number }>();
      if (existing) return { submission: toSubmission(await replace(existing._id, input, ts))!, existed: true };
      try {
        const doc = await seq.insert<SubmissionDoc>('submissions', (_id) => ({
          _id,
          ...key,
          note: input.note,
          links: [...input.links],
          media: toMedia(input.media),
          late: input.late,
          status: input.status,
          sourceKey: input.sourceKey,
          createdAt: ts,
          updatedAt: ts,
        }));
        return { submission: toSubmission(doc)!, existed: false };
      } catch (err) {
        // Another instance inserted this (task, member) first: this proof replaces it, as a resubmission would.
        if (!isDuplicateOn(err, 'taskId', 'memberId')) throw err;
        const winner = (await m.submissions.findOne(key, { _id: 1 }).lean<{ _id: number }>())!;
        return { submission: toSubmission(await replace(winner._id, input, ts))!, existed: true };
      }
    },
    async get(id) {
      return toSubmission(await m.submissions.findById(id).lean<SubmissionDoc>());
    },
    async find(taskId, memberId) {
      return toSubmission(await m.submissions.findOne({ taskId, memberId }).lean<SubmissionDoc>());
    },
    async listByTask(taskId) {
      return (await m.submissions.find({ taskId }).sort({ _id: 1 }).lean<SubmissionDoc[]>()).map((d) =>
        toSubmission(d)!,
      );
    },
    async setStatus(id, status, reviewNote, now) {
      const update =
        reviewNote === undefined
          ? { $set: { status, updatedAt: now.toISOString() }, $unset: { reviewNote: '' as const } }
          : { $set: { status, reviewNote, updatedAt: now.toISOString() } };
      await m.submissions.updateOne({ _id: id }, update);
    },
    async findByMediaHash(sha256) {
      return (await m.submissions.find({ 'media.sha256': sha256 }).sort({ _id: 1 }).lean<SubmissionDoc[]>()).map((d) =>
        toSubmission(d)!,
      );
    },
  };
}

export function mongoPending(m: MongoModels): PendingMediaRepo {
  return {
    async hold(key, media, expiresAt) {
      await m.pending.replaceOne(
        { _id: key },
        { media: toMedia(media), expiresAt: expiresAt.toISOString() },
        { upsert: true },
      );
    },
    async take(key, now) {
      // findOneAndDelete: of two instances taking at once, exactly one gets the media (SQLite: DELETE … RETURNING).
      const doc = await m.pending.findOneAndDelete({ _id: key }).lean<PendingMediaDoc>();
      if (!doc || doc.expiresAt <= now.toISOString()) return [];
      return toMedia(doc.media);
    },
  };
}
