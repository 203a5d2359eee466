/**
 * Running balances beside the MongoDB ledger, the counterpart of SQLite's `ledger_totals`: one document per member
 * and branch (0 for an entry without a branch) with the sum and count of that member's entries there.
 *
 * A standalone server has no multi-document transactions, so a document is not bumped with $inc (a retry after a
 * lost reply would add twice). After each entry is inserted, the sum is recomputed from that member's ledger entries
 * at that branch (a few dozen a year) and stored only if it covers more entries than the stored one. Each writer
 * recomputes after its own insert, and reads only ever see more committed entries, so whichever recomputation covers
 * the most entries includes every entry: the document converges on the ledger's sum whatever the interleaving. A
 * repeated booking recomputes too, which repairs a crash between the insert and the recomputation.
 */
import type { LedgerDoc } from './mongo-docs';
import type { MongoModels } from './mongo-models';
import { num, schema } from './mongo-schema';
import { isDuplicateOn } from './mongo-util';

export interface LedgerTotalDoc {
  _id: string;
  memberId: number;
  branchId: number;
  total: number;
  entries: number;
  /** The 奉献 share of the sum and count (absent on documents written before the split: 0). */
  serviceTotal?: number;
  serviceEntries?: number;
}

/** A balance's sums: the whole and its 奉献 share. */
interface Sums {
  total: number;
  entries: number;
  serviceTotal: number;
  serviceEntries: number;
}

const isService = { $eq: ['$category', 'service'] };
const SUMS = {
  total: { $sum: '$delta' },
  entries: { $sum: 1 },
  serviceTotal: { $sum: { $cond: [isService, '$delta', 0] } },
  serviceEntries: { $sum: { $cond: [isService, 1, 0] } },
};

export const ledgerTotalSchemas = {
  ledgerTotals: schema<LedgerTotalDoc>(
    'ledger_totals',
    {
      _id: String,
      memberId: num,
      branchId: num,
      total: num,
      entries: num,
      serviceTotal: Number,
      serviceEntries: Number,
    },
    [[{ memberId: 1, branchId: 1 }]],
  ),
};

const idOf = (memberId: number, branchId: number) => `${memberId}:${branchId}`;

/** Stores a sum unless the stored one already covers as many entries (then the upsert's insert hits the `_id`). */
async function store(m: MongoModels, memberId: number, branchId: number, sums: Sums): Promise<void> {
  try {
    await m.ledgerTotals.updateOne(
      { _id: idOf(memberId, branchId), entries: { $lt: sums.entries } },
      { $set: { memberId, branchId, ...sums } },
      { upsert: true },
    );
  } catch (err) {
    if (!isDuplicateOn(err, '_id')) throw err;
  }
}

/** Recomputes one member's balance at the entry's branch from the ledger itself. */
export async function refreshLedgerTotal(
  m: MongoModels,
  entry: Pick<LedgerDoc, 'memberId' | 'branchId'>,
): Promise<void> {
  const branchId = entry.branchId ?? 0;
  const match = { memberId: entry.memberId, branchId: entry.branchId ?? { $exists: false } };
  const [row] = await m.ledger.aggregate<Sums & { _id: null }>([{ $match: match }, { $group: { _id: null, ...SUMS } }]);
  if (row) {
    const { _id, ...sums } = row;
    await store(m, entry.memberId, branchId, sums);
  }
}

/**
 * Rebuilds every balance from the ledger (the migration step, and after a dump import wrote entries directly).
 * Each document is replaced by the recomputed sum, so running it again changes nothing.
 */
export async function rebuildLedgerTotals(m: MongoModels): Promise<number> {
  const rows = await m.ledger.aggregate<Sums & { _id: { memberId: number; branchId?: number | null } }>([
    { $group: { _id: { memberId: '$memberId', branchId: '$branchId' }, ...SUMS } },
  ]);
  const ops = rows.map(({ _id, ...sums }) => {
    const branchId = _id.branchId ?? 0;
    return {
      replaceOne: {
        filter: { _id: idOf(_id.memberId, branchId) },
        replacement: { memberId: _id.memberId, branchId, ...sums },
        upsert: true,
      },
    };
  });
  const kept = new Set(ops.map((o) => o.replaceOne.filter._id));
  const stale = (await m.ledgerTotals.find({}, { _id: 1 }).lean<Array<{ _id: string }>>())
    .filter((d) => !kept.has(d._id))
    .map((d) => d._id);
  if (stale.length) await m.ledgerTotals.deleteMany({ _id: { $in: stale } });
  for (let i = 0; i < ops.length; i += 1000) await m.ledgerTotals.bulkWrite(ops.slice(i, i + 1000) as never);
  return ops.length;
}
