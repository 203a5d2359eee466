import type { Model } from 'mongoose';
import { DUMP_COLLECTIONS, canonical, type DumpRecord, type StoreDump } from '../dump';
import { mongoBlobHashes } from './mongo-blobs';
import type { MongoModelName } from './mongo-models';
import type { MongoStore } from './mongo-store';

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
  if (spec.appendOnly) return { updateOne: { filter: { _id }, update: { $setOnInsert: doc }, upsert: true } };
  return { replaceOne: { filter: { _id }, replacement: doc, upsert: true } };
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
    collections: [...DUMP_COLLECTIONS, ...Object.keys(specs).filter((c) => !(DUMP_COLLECTIONS as readonly string[]).includes(c))],
    async count(collection) { return specOf(collection).model.countDocuments(); },
    async *read(collection, batchSize = 1000) {
      const { spec, model } = specOf(collection);
      let batch: DumpRecord[] = [];
      for await (const doc of model.find().sort({ _id: 1 }).lean<Doc>().cursor({ batchSize })) {
        batch.push(toRecord(spec, doc as Doc));
        if (batch.length >= batchSize) { yield batch; batch = []; }
      }
      if (batch.length) yield batch;
    },
    async write(collection, records) {
      if (records.length === 0) return;
      const { spec, model } = specOf(collection);
      // Mongoose casts and validates each operation against the schema (strict: unknown fields are refused).
      await model.bulkWrite(records.map((r) => toWrite(spec, r)) as Parameters<typeof model.bulkWrite>[0], { ordered: false });
      if (spec.id === 'id') {
        const top = Math.max(...records.map((r) => Number(r.id)));
        maxIds.set(spec.model, Math.max(maxIds.get(spec.model) ?? 0, top));
      }
    },
    async finish() {
      for (const [sequence, id] of maxIds) await store.sequences.reserveAtLeast(sequence, id);
    },
    blobHashes: () => mongoBlobHashes(store.conn),
  };
}
