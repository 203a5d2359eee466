import type { Model } from 'mongoose';
import type { SequenceDoc } from './mongo-docs';
import type { MongoModelName, MongoModels } from './mongo-models';
import { isDuplicateOn } from './mongo-util';

/**
 * Numbers users see (task #n, submission S<n>, the ledger's 记录号) are only taken by a successful insert: the candidate is the
 * sequence + 1 and the sequence moves after the insert, so a refused insert leaves no gap. Within one process these
 * inserts run one at a time; across instances the unique `_id` decides and the loser takes the next number.
 */
// imageHashes: readers load by id, so id n + 1 must never become visible before n.
const GAPLESS: ReadonlySet<string> = new Set(['tasks', 'submissions', 'ledger', 'meetings', 'imageHashes']);
const MAX_ATTEMPTS = 50;

type Numbered = { _id: number };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModel = Model<any>;

/**
 * Sequential numeric ids, one sequence per numbered collection (named like its model). An `_id` clash means the
 * sequence is behind the data (a restored dump, a migrate stopped before `finish()`): the sequence is moved past
 * max(_id) and the insert retried — never read as "already done", which only the collection's dedupe index means.
 */
export function mongoSequences(models: MongoModels) {
  const sequences = models.sequences as Model<SequenceDoc>;
  const chains = new Map<string, Promise<unknown>>();
  const modelOf = (name: MongoModelName) => models[name] as unknown as AnyModel;

  const current = async (name: string) => (await sequences.findById(name).lean<SequenceDoc>())?.seq ?? 0;
  const increment = async (name: string) =>
    (await sequences
      .findOneAndUpdate({ _id: name }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' })
      .lean<SequenceDoc>())!.seq;
  const reserveAtLeast = async (name: string, id: number) => {
    await sequences.updateOne({ _id: name }, { $max: { seq: id } }, { upsert: true });
  };
  const repair = async (name: MongoModelName) => {
    const top = await modelOf(name).findOne({}, { _id: 1 }).sort({ _id: -1 }).lean<Numbered>();
    if (typeof top?._id === 'number') await reserveAtLeast(name, top._id);
  };
  const serialized = <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const run = (chains.get(name) ?? Promise.resolve()).then(fn, fn);
    chains.set(
      name,
      run.catch(() => undefined),
    );
    return run;
  };

  const attempt = async <D extends Numbered>(name: MongoModelName, build: (id: number) => D): Promise<D> => {
    const gapless = GAPLESS.has(name);
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const doc = build(gapless ? (await current(name)) + 1 : await increment(name));
      try {
        await modelOf(name).create(doc);
      } catch (err) {
        if (!isDuplicateOn(err, '_id')) throw err;
        await repair(name);
        continue;
      }
      if (gapless) await reserveAtLeast(name, doc._id);
      return doc;
    }
    throw new Error(`${name}: no free id after ${MAX_ATTEMPTS} attempts (sequence far behind the data?)`);
  };

  return {
    /** Inserts the document `build(id)` under the next free id of `name`'s sequence; throws what else refused it. */
    insert<D extends Numbered>(name: MongoModelName, build: (id: number) => D): Promise<D> {
      return GAPLESS.has(name) ? serialized(name, () => attempt(name, build)) : attempt(name, build);
    },
    reserveAtLeast,
    /** At start: every sequence past the data it numbers (a restore may have brought ids the sequences never saw). */
    async repairAll(): Promise<void> {
      for (const [name, model] of Object.entries(models) as Array<[MongoModelName, AnyModel]>) {
        if (model.schema.path('_id')?.instance === 'Number') await repair(name);
      }
    },
  };
}

export type MongoSequences = ReturnType<typeof mongoSequences>;
