import type {
  BankItem,
  JobMarkRepo,
  JobRun,
  JobRunRepo,
  JobsRepo,
  PushSchedule,
  PushScheduleRepo,
  TaskBankRepo,
} from '../jobs-repo';
import { compact, fromDoc, fromKeyedDoc, type NumberedDoc } from './mongo-docs';
import type { MongoModels } from './mongo-models';
import { num, optStr, schema, str } from './mongo-schema';
import type { MongoSequences } from './mongo-sequences';
import { SOURCE_KEY_INDEX, createOnce, isDuplicateOn } from './mongo-util';

export type BankItemDoc = NumberedDoc<BankItem>;
export interface JobMarkDoc {
  _id: string;
  job: string;
  at: string;
}

export const jobsSchemas = {
  taskBank: schema<BankItemDoc>(
    'task_bank',
    {
      _id: Number,
      branchId: num,
      title: str,
      content: str,
      points: num,
      proofKinds: [String],
      minChars: num,
      lateRule: str,
      durationDays: num,
      createdBy: str,
      createdAt: str,
      slotKey: optStr,
      reservedAt: optStr,
      taskId: Number,
      sourceKey: optStr,
    },
    [
      [{ branchId: 1, _id: 1 }],
      [
        { branchId: 1, slotKey: 1 },
        { unique: true, partialFilterExpression: { slotKey: { $type: 'string' } } },
      ],
      SOURCE_KEY_INDEX,
    ],
  ),
  pushSchedules: schema<PushSchedule>(
    'push_schedules',
    { branchId: num, weekday: num, time: str, updatedBy: str, updatedAt: str },
    [[{ branchId: 1 }, { unique: true }]],
  ),
  jobRuns: schema<JobRun>(
    'job_runs',
    {
      job: str,
      fireAt: str,
      status: str,
      trigger: str,
      owner: str,
      attempts: num,
      startedAt: str,
      finishedAt: optStr,
      summary: optStr,
      sent: Number,
      error: optStr,
    },
    [[{ job: 1, fireAt: 1 }, { unique: true }], [{ status: 1, fireAt: 1 }]],
  ),
  jobMarks: schema<JobMarkDoc>('job_marks', { _id: String, job: str, at: str }),
};

const toItem = (doc: BankItemDoc | null) => {
  const item = fromDoc(doc);
  return item && { ...item, proofKinds: [...item.proofKinds] };
};

function mongoBank(m: MongoModels, seq: MongoSequences): TaskBankRepo {
  // The $type predicate lets the planner use the partial unique (branchId, slotKey) index.
  const held = async (branchId: number, slotKey: string) =>
    toItem(await m.taskBank.findOne({ branchId, slotKey: { $eq: slotKey, $type: 'string' } }).lean<BankItemDoc>());
  return {
    async add(f, now, sourceKey) {
      return toItem(
        await createOnce<BankItemDoc>(m.taskBank, sourceKey, () =>
          seq.insert<BankItemDoc>('taskBank', (_id) => ({
            _id,
            branchId: f.branchId,
            title: f.title,
            content: f.content,
            points: f.points,
            proofKinds: [...f.proofKinds],
            minChars: f.minChars,
            lateRule: f.lateRule,
            durationDays: f.durationDays,
            createdBy: f.createdBy,
            createdAt: now.toISOString(),
            ...(sourceKey !== undefined ? { sourceKey } : {}),
          })),
        ),
      )!;
    },
    async get(id) {
      return toItem(await m.taskBank.findById(id).lean<BankItemDoc>());
    },
    async list(branchId, opts = {}) {
      const filter = opts.pending ? { branchId, taskId: { $exists: false } } : { branchId };
      return (await m.taskBank.find(filter).sort({ _id: 1 }).lean<BankItemDoc[]>()).map((d) => toItem(d)!);
    },
    /**
     * Takes the oldest free item with one findOneAndUpdate. Two instances reserving for the same slot at once: the
     * unique (branchId, slotKey) index refuses the second, which then returns the first one's item.
     */
    async reserve(branchId, slotKey, now) {
      const existing = await held(branchId, slotKey);
      if (existing) return existing;
      try {
        const doc = await m.taskBank
          .findOneAndUpdate(
            { branchId, slotKey: { $exists: false } },
            { $set: { slotKey, reservedAt: now.toISOString() } },
            { sort: { _id: 1 }, returnDocument: 'after' },
          )
          .lean<BankItemDoc>();
        return toItem(doc);
      } catch (err) {
        if (!isDuplicateOn(err, 'branchId', 'slotKey')) throw err;
        return held(branchId, slotKey);
      }
    },
    async attachTask(id, taskId) {
      await m.taskBank.updateOne({ _id: id }, { $set: { taskId } });
    },
    async remove(id) {
      const r = await m.taskBank.deleteOne({ _id: id, slotKey: { $exists: false }, taskId: { $exists: false } });
      return r.deletedCount > 0;
    },
  };
}

function mongoPushSchedules(m: MongoModels): PushScheduleRepo {
  const get = async (branchId: number) =>
    fromKeyedDoc<PushSchedule>(await m.pushSchedules.findOne({ branchId }).lean<PushSchedule>());
  return {
    get,
    async set(s, now) {
      const fields = { weekday: s.weekday, time: s.time, updatedBy: s.updatedBy, updatedAt: now.toISOString() };
      await m.pushSchedules
        .updateOne({ branchId: s.branchId }, { $set: fields }, { upsert: true })
        .catch(async (err) => {
          if (!isDuplicateOn(err, 'branchId')) throw err;
          await m.pushSchedules.updateOne({ branchId: s.branchId }, { $set: fields });
        });
      return (await get(s.branchId))!;
    },
    async list() {
      return (await m.pushSchedules.find().sort({ branchId: 1 }).lean<PushSchedule[]>()).map((d) =>
        fromKeyedDoc<PushSchedule>(d)!,
      );
    },
  };
}

function mongoRuns(m: MongoModels): JobRunRepo {
  const get = async (job: string, fireAt: string) =>
    fromKeyedDoc<JobRun>(await m.jobRuns.findOne({ job, fireAt }).lean<JobRun>());
  return {
    async get(job, fireAt) {
      return get(job, fireAt.toISOString());
    },
    async start(input, now) {
      const key = { job: input.job, fireAt: input.fireAt.toISOString() };
      // Insert as attempt 1 or restart as attempt n+1 in one upsert ($inc on a missing field starts from 0).
      const update = {
        $set: { status: 'running' as const, trigger: input.trigger, owner: input.owner, startedAt: now.toISOString() },
        $inc: { attempts: 1 },
        $unset: { finishedAt: '' as const, error: '' as const },
      };
      const run = () =>
        m.jobRuns.findOneAndUpdate(key, update, { upsert: true, returnDocument: 'after' }).lean<JobRun>();
      const doc = await run().catch((err) => {
        if (isDuplicateOn(err, 'job', 'fireAt')) return run();
        throw err;
      });
      return fromKeyedDoc<JobRun>(doc)!;
    },
    async finish(job, fireAt, o, now) {
      const fields = compact<Record<string, unknown>>({
        status: o.status,
        summary: o.summary,
        sent: o.sent,
        error: o.error,
        finishedAt: now.toISOString(),
      });
      const unset = Object.fromEntries(
        ['summary', 'sent', 'error'].filter((k) => !(k in fields)).map((k) => [k, '' as const]),
      );
      await m.jobRuns.updateOne({ job, fireAt: fireAt.toISOString() }, { $set: fields, $unset: unset });
    },
    async latest(job, opts = {}) {
      const filter = opts.sentOnly ? { job, sent: { $gt: 0 } } : { job };
      return fromKeyedDoc<JobRun>(await m.jobRuns.findOne(filter).sort({ fireAt: -1 }).lean<JobRun>());
    },
    async prune(before) {
      const res = await m.jobRuns.deleteMany({
        status: 'done',
        sent: { $in: [null, 0] },
        fireAt: { $lt: before.toISOString() },
      });
      return res.deletedCount;
    },
  };
}

function mongoMarks(m: MongoModels): JobMarkRepo {
  return {
    async has(key) {
      return (await m.jobMarks.exists({ _id: key })) !== null;
    },
    async add(key, job, now) {
      try {
        await m.jobMarks.create({ _id: key, job, at: now.toISOString() });
        return true;
      } catch (err) {
        if (isDuplicateOn(err, '_id')) return false;
        throw err;
      }
    },
  };
}

export function mongoJobs(m: MongoModels, seq: MongoSequences): JobsRepo {
  return { bank: mongoBank(m, seq), pushSchedules: mongoPushSchedules(m), runs: mongoRuns(m), marks: mongoMarks(m) };
}
