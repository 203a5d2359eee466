import type { CounterRepo } from '../counter-repo';
import type { MongoModels } from './mongo-models';
import { num, schema, str } from './mongo-schema';

/** A named counter; `_id` is its key. */
export interface CounterDoc {
  _id: string;
  value: number;
  updatedAt: string;
}

export const counterSchemas = {
  counters: schema<CounterDoc>('counters', { _id: String, value: num, updatedAt: str }),
};

export function mongoCounters(m: MongoModels): CounterRepo {
  return {
    // One findOneAndUpdate: the increment and the read of the new total are one atomic step, on any instance.
    async add(key, by, now) {
      const doc = await m.counters
        .findOneAndUpdate(
          { _id: key },
          { $inc: { value: by }, $set: { updatedAt: now.toISOString() } },
          { upsert: true, returnDocument: 'after' },
        )
        .lean<CounterDoc>();
      return doc!.value;
    },
    async get(key) {
      return (await m.counters.findById(key).lean<CounterDoc>())?.value ?? 0;
    },
  };
}
