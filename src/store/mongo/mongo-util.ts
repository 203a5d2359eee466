import type { Model } from 'mongoose';
import type { SequenceDoc } from './mongo-docs';
import type { IndexSpec } from './mongo-schema';

/** E11000: a unique index refused the write (a concurrent insert of the same key won, or the key exists). */
export function isDuplicateKey(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; writeErrors?: Array<{ code?: unknown }> };
  if (e.code === 11000) return true;
  return Array.isArray(e.writeErrors) && e.writeErrors.length > 0 && e.writeErrors.every((w) => w.code === 11000);
}

/**
 * Creates what a handler makes for one incoming message once: with a `sourceKey` (the message's dedupe key) that
 * made a document before, returns that document instead. Looking first keeps the shown sequence numbers free of
 * gaps; a concurrent twin loses on the unique sourceKey index and gets the winner's document.
 */
export async function createOnce<D>(model: Model<D>, sourceKey: string | undefined, create: () => Promise<D>): Promise<D> {
  if (sourceKey === undefined) return create();
  const existing = await model.findOne({ sourceKey }).lean<D>();
  if (existing) return existing;
  try {
    return await create();
  } catch (err) {
    const winner = isDuplicateKey(err) ? await model.findOne({ sourceKey }).lean<D>() : null;
    if (!winner) throw err;
    return winner;
  }
}

/** Unique where set: documents made by jobs, imports or the dashboard carry no source key. */
export const SOURCE_KEY_INDEX: IndexSpec = [{ sourceKey: 1 }, { unique: true, partialFilterExpression: { sourceKey: { $type: 'string' } } }];

/**
 * Sequential numeric ids (task codes #n, submission S<n> are shown to users): one atomic `$inc` per insert.
 * `reserveAtLeast` moves a sequence past ids copied in by `zhibu migrate`.
 */
export function mongoSequences(sequences: Model<SequenceDoc>) {
  return {
    async next(name: string): Promise<number> {
      const doc = await sequences.findOneAndUpdate({ _id: name }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' }).lean<SequenceDoc>();
      return doc!.seq;
    },
    async reserveAtLeast(name: string, id: number): Promise<void> {
      await sequences.updateOne({ _id: name }, { $max: { seq: id } }, { upsert: true });
    },
  };
}

export type MongoSequences = ReturnType<typeof mongoSequences>;

/** Builds `$set`/`$unset` from a partial record: undefined leaves a field alone, null removes it. */
export function setUnset(fields: Record<string, unknown>): { $set: Record<string, unknown>; $unset?: Record<string, ''> } {
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, ''> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    if (v === null) $unset[k] = '';
    else $set[k] = v;
  }
  return Object.keys($unset).length ? { $set, $unset } : { $set };
}

/** `user:password@` never reaches a log line or an error message. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
