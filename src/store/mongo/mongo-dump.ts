import type { Model } from 'mongoose';
import { ZhibuError } from '../../errors';
import { DUMP_COLLECTIONS, canonical, type DumpRecord, type StoreDump } from '../dump';
import { mongoBlobHashes } from './mongo-blobs';
import { rebuildLedgerTotals } from './mongo-ledger-totals';
import type { MongoModelName } from './mongo-models';
import type { MongoStore } from './mongo-store';
import { duplicateKeyOf } from './mongo-util';

/**
 * How a collection's documents map to dump records: `id` (numbered, `_id` is the record id), `key` (`_id` is the
 * record's `key`), or natural (the `_id` is generated and dropped; `key` lists the unique fields).
 */
export interface MongoCollectionSpec {
  model: MongoModelName;
  id: 'id' | 'key' | 'natural';
  /** Unique fields of natural-key collections (the upsert filter). */
  key?: string[];
  appendOnly?: boolean;
}

export const mongoDumpSpecs: Record<string, MongoCollectionSpec> = {
  branches: { model: 'branches', id: 'id' },
  members: { model: 'members', id: 'id' },
  identities: { model: 'identities', id: 'natural', key: ['platform', 'userId'] },
  chats: { model: 'chats', id: 'natural', key: ['platform', 'chatId'] },
  roleGrants: { model: 'roleGrants', id: 'id' },
  checkIns: { model: 'checkIns', id: 'id' },
  tasks: { model: 'tasks', id: 'id' },
  submissions: { model: 'submissions', id: 'id' },
  ledger: { model: 'ledger', id: 'id', appendOnly: true },
  inbox: { model: 'inbox', id: 'key' },
  outbox: { model: 'outbox', id: 'id' },
  chatLog: { model: 'chatLog', id: 'id' },
  audit: { model: 'audit', id: 'id' },
  pendingMedia: { model: 'pending', id: 'key' },
  counters: { model: 'counters', id: 'key' },
  taskBank: { model: 'taskBank', id: 'id' },
  pushSchedules: { model: 'pushSchedules', id: 'natural', key: ['branchId'] },
  jobRuns: { model: 'jobRuns', id: 'natural', key: ['job', 'fireAt'] },
  jobMarks: { model: 'jobMarks', id: 'key' },
  helpCases: { model: 'helpCases', id: 'id' },
  helpCaseEvents: { model: 'helpCaseEvents', id: 'id', appendOnly: true },
  pendingCheckIns: { model: 'pendingCheckIns', id: 'id' },
  meetings: { model: 'meetings', id: 'id' },
  meetingAttendance: { model: 'meetingAttendance', id: 'id' },
  contacts: { model: 'contacts', id: 'id' },
  homecomings: { model: 'homecomings', id: 'id' },
  certificates: { model: 'certificates', id: 'id' },
  opinions: { model: 'opinions', id: 'id' },
  opinionSenders: { model: 'opinionSenders', id: 'natural', key: ['opinionId'] },
  opinionEvents: { model: 'opinionEvents', id: 'id', appendOnly: true },
  proofChecks: { model: 'proofChecks', id: 'natural', key: ['submissionId', 'sourceKey'] },
  serviceItems: { model: 'serviceItems', id: 'id' },
  serviceClaims: { model: 'serviceClaims', id: 'id' },
  reviews: { model: 'reviews', id: 'id' },
  // Keyed `R<review>` and `R<review>:B<branch>`: the grouped forms the SQLite dump builds too.
  reviewVoters: { model: 'reviewVoters', id: 'key' },
  reviewCounts: { model: 'reviewCounts', id: 'key' },
  imageHashes: { model: 'imageHashes', id: 'id', appendOnly: true },
};

type Doc = Record<string, unknown> & { _id?: unknown };

function toRecord(spec: MongoCollectionSpec, doc: Doc): DumpRecord {
  const { _id, ...rest } = doc;
  const record = canonical(rest) as DumpRecord;
  if (spec.id === 'id') return { id: _id, ...record };
  if (spec.id === 'key') return { key: _id, ...record };
  return record;
}

function toWrite(spec: MongoCollectionSpec, record: DumpRecord) {
  const { id, key, ...rest } = record;
  const doc = canonical(rest) as DumpRecord;
  if (spec.id === 'natural') {
    const filter = Object.fromEntries(spec.key!.map((k) => [k, record[k]]));
    return { replaceOne: { filter, replacement: { ...doc }, upsert: true } };
  }
  const _id = spec.id === 'id' ? id : key;
  // Append-only collections are only ever inserted into (the bot's database user may do nothing else there); an
  // `_id` that is already there is a record copied by an earlier run.
  if (spec.appendOnly) return { insertOne: { document: { _id, ...doc } } };
  return { replaceOne: { filter: { _id }, replacement: doc, upsert: true } };
}

type WriteError = { index?: number; err?: { index?: number }; message?: string; errmsg?: string };
const indexOf = (e: WriteError) => e.index ?? e.err?.index;

/**
 * A bulk write that refused records (validation, casting, a unique index): fails naming each one. On an
 * append-only collection an `_id` clash is a record an earlier run copied, not a refusal.
 */
function refused(collection: string, spec: MongoCollectionSpec, records: DumpRecord[], err: unknown): void {
  const e = err as { results?: unknown[]; writeErrors?: WriteError[] };
  const failures: Array<[number, string]> = [];
  if (Array.isArray(e.results)) {
    e.results.forEach((r, i) => {
      if (r instanceof Error) failures.push([i, r.message]);
    });
  }
  for (const w of e.writeErrors ?? []) {
    const i = indexOf(w);
    if (i === undefined) continue;
    const dup = duplicateKeyOf(w.err ?? w);
    if (spec.appendOnly && dup && Object.keys(dup.keyPattern).join() === '_id') continue;
    failures.push([i, w.errmsg ?? w.message ?? 'refused']);
  }
  if (failures.length === 0 && !Array.isArray(e.results) && !e.writeErrors) throw err;
  if (failures.length === 0) return;
  const label = (i: number) =>
    spec.id === 'natural'
      ? JSON.stringify(Object.fromEntries(spec.key!.map((k) => [k, records[i]?.[k]])))
      : `${spec.id} ${String(records[i]?.[spec.id])}`;
  const list = failures
    .slice(0, 20)
    .map(([i, why]) => `${label(i)} (${why})`)
    .join('; ');
  throw new ZhibuError('STORE_MIGRATION', `${collection}: ${failures.length} record(s) refused: ${list}`, {
    fix: 'fix or remove these records in the source store, then run the same migrate command again',
    cause: err,
  });
}

/** The MongoDB adapter's dump: cursors in `_id` order; imports are unordered bulk upserts by key. */
export function mongoDump(store: MongoStore, specs: Record<string, MongoCollectionSpec> = mongoDumpSpecs): StoreDump {
  const maxIds = new Map<string, number>();
  const specOf = (collection: string) => {
    const spec = specs[collection];
    if (!spec) throw new Error(`no MongoDB collection for ${collection}`);
    return { spec, model: store.models[spec.model] as unknown as Model<Doc> };
  };
  return {
    collections: [
      ...DUMP_COLLECTIONS,
      ...Object.keys(specs).filter((c) => !(DUMP_COLLECTIONS as readonly string[]).includes(c)),
    ],
    async count(collection) {
      return specOf(collection).model.countDocuments();
    },
    async *read(collection, batchSize = 1000) {
      const { spec, model } = specOf(collection);
      let batch: DumpRecord[] = [];
      for await (const doc of model.find().sort({ _id: 1 }).lean<Doc>().cursor({ batchSize })) {
        batch.push(toRecord(spec, doc as Doc));
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    },
    async write(collection, records) {
      if (records.length === 0) return;
      const { spec, model } = specOf(collection);
      // Mongoose casts and validates each operation against the schema (strict: unknown fields are refused); without
      // throwOnValidationError an unordered bulkWrite would leave the refused ones out without a word.
      await model
        .bulkWrite(records.map((r) => toWrite(spec, r)) as Parameters<typeof model.bulkWrite>[0], {
          ordered: false,
          throwOnValidationError: true,
        })
        .catch((err: unknown) => refused(collection, spec, records, err));
      if (spec.id === 'id') {
        const top = Math.max(...records.map((r) => Number(r.id)));
        maxIds.set(spec.model, Math.max(maxIds.get(spec.model) ?? 0, top));
      }
    },
    async finish() {
      for (const [sequence, id] of maxIds) await store.sequences.reserveAtLeast(sequence, id);
      // Imported entries were inserted as they are, past the repo: the running balances are recomputed from them.
      if (maxIds.has('ledger')) await rebuildLedgerTotals(store.models);
    },
    blobHashes: () => mongoBlobHashes(store.conn),
  };
}
