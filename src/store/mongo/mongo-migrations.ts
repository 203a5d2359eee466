import type { Connection } from 'mongoose';
import type { MongoModels } from './mongo-models';
import { syncAllIndexes, type IndexChange } from './mongo-indexes';
import { backfillLedgerBranches } from './mongo-ledger-branches';
import { rebuildLedgerTotals } from './mongo-ledger-totals';

export interface MongoMigration {
  version: number;
  name: string;
  up(ctx: { conn: Connection; models: MongoModels }): Promise<unknown>;
}

interface AppliedDoc {
  _id: number;
  name: string;
  appliedAt: string;
}

/**
 * Versioned, named migrations of the MongoDB adapter, applied in version order, each once, recorded in
 * `schema_migrations` (the counterpart of the SQLite migrations). Indexes are declared on the schemas; a step that
 * changes data or retires something the declarations cannot express goes here, in its own version range.
 */
export const mongoMigrations: MongoMigration[] = [
  { version: 1, name: 'collections-and-indexes', up: ({ models }) => syncAllIndexes(models) },
  // Adds a field to old ledger entries, so it needs a user allowed to update the ledger (MONGODB_ADMIN_URI) once.
  // Running balances are per branch, so an entry that gets its branch moves a balance: they are rebuilt after it.
  {
    version: 2,
    name: 'ledger-branches',
    up: async ({ models }) => {
      if (await backfillLedgerBranches(models)) await rebuildLedgerTotals(models);
    },
  },
  // Running balances beside the ledger (mongo-ledger-totals.ts), filled once from the entries already booked.
  { version: 3, name: 'ledger-totals', up: ({ models }) => rebuildLedgerTotals(models) },
];

/**
 * Applies pending migrations, then checks every collection's indexes against the declarations: an index whose
 * options changed is dropped and rebuilt under its name instead of blocking start-up with IndexOptionsConflict.
 */
export async function migrateMongo(
  conn: Connection,
  models: MongoModels,
  now: Date,
  steps = mongoMigrations,
): Promise<IndexChange[]> {
  const applied = conn.db!.collection<AppliedDoc>('schema_migrations');
  const done = new Set((await applied.find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id));
  for (const step of [...steps].sort((a, b) => a.version - b.version)) {
    if (done.has(step.version)) continue;
    await step.up({ conn, models });
    await applied.updateOne(
      { _id: step.version },
      { $setOnInsert: { name: step.name, appliedAt: now.toISOString() } },
      { upsert: true },
    );
  }
  return syncAllIndexes(models);
}
