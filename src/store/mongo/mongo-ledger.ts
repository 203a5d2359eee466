import type { LedgerCategory } from '../../model';
import type { LedgerFilter, LedgerRepo, Store } from '../store';
import { settleByReads } from '../settle-by-reads';
import { fromDoc, type LedgerDoc } from './mongo-docs';
import { refreshLedgerTotal } from './mongo-ledger-totals';
import { mongoStanding } from './mongo-standing';
import type { MongoModels } from './mongo-models';
import type { MongoSequences } from './mongo-sequences';
import { isDuplicateOn } from './mongo-util';

type Tally = Map<number, { sum: number; entries: number }>;

function range(r: LedgerFilter = {}): Record<string, unknown> {
  const createdAt: Record<string, string> = {};
  if (r.from) createdAt.$gte = r.from.toISOString();
  if (r.to) createdAt.$lt = r.to.toISOString();
  return {
    ...(Object.keys(createdAt).length ? { createdAt } : {}),
    ...(r.branchId !== undefined ? { branchId: r.branchId } : {}),
    ...categoryMatch(r.category),
  };
}

/** 学习 is whatever is not 奉献: entries booked before the split carry no category. */
function categoryMatch(category: LedgerCategory | undefined): Record<string, unknown> {
  if (category === 'service') return { category: 'service' };
  return category === 'study' ? { category: { $ne: 'service' } } : {};
}

/** The running-total fields of one category (学习 = the whole less 奉献). */
function runningFields(category: LedgerCategory | undefined): { total: unknown; entries: unknown } {
  const service = { total: { $ifNull: ['$serviceTotal', 0] }, entries: { $ifNull: ['$serviceEntries', 0] } };
  if (category === 'service') return service;
  if (category === 'study')
    return { total: { $subtract: ['$total', service.total] }, entries: { $subtract: ['$entries', service.entries] } };
  return { total: '$total', entries: '$entries' };
}

type Row = { _id: number; total: number; entries: number };

function addInto(out: Tally, rows: Row[], sign = 1): Tally {
  for (const row of rows) {
    const t = out.get(row._id) ?? { sum: 0, entries: 0 };
    out.set(row._id, { sum: t.sum + sign * row.total, entries: t.entries + sign * row.entries });
  }
  return out;
}

/**
 * Sums per member, as the SQLite adapter computes them: all-time balances from the running totals
 * (mongo-ledger-totals.ts), a window that starts somewhere from its entries, one that only ends somewhere as the
 * running total less the entries booked since its end. A member without entries in the window is left out.
 */
async function ledgerSums(m: MongoModels, memberIds: number[], r: LedgerFilter = {}): Promise<Map<number, number>> {
  const entries = (filter: LedgerFilter) =>
    m.ledger.aggregate<Row>([
      { $match: { memberId: { $in: memberIds }, ...range(filter) } },
      { $group: { _id: '$memberId', total: { $sum: '$delta' }, entries: { $sum: 1 } } },
    ]);
  let tally: Tally;
  const running = runningFields(r.category);
  if (r.from) tally = addInto(new Map(), await entries(r));
  else {
    tally = addInto(
      new Map(),
      await m.ledgerTotals.aggregate<Row>([
        { $match: { memberId: { $in: memberIds }, ...(r.branchId !== undefined ? { branchId: r.branchId } : {}) } },
        { $group: { _id: '$memberId', total: { $sum: running.total }, entries: { $sum: running.entries } } },
      ]),
    );
    if (r.to) addInto(tally, await entries({ from: r.to, branchId: r.branchId, category: r.category }), -1);
  }
  const out = new Map<number, number>();
  for (const [id, t] of tally) if (t.entries > 0) out.set(id, t.sum);
  return out;
}

/** `reads` are the repos settling a submission reads besides the ledger (its state and its task). */
export function mongoLedger(
  m: MongoModels,
  seq: MongoSequences,
  reads: Pick<Store, 'submissions' | 'tasks'>,
): LedgerRepo {
  const repo: Omit<LedgerRepo, 'settle'> = {
    async append(e, now) {
      const earlier = await m.ledger.findOne({ idemKey: e.idemKey }).lean<LedgerDoc>();
      // A repeat recomputes the balance it belongs to: the first attempt may have stopped between the two writes.
      if (earlier) {
        await refreshLedgerTotal(m, earlier);
        return undefined;
      }
      try {
        const doc = await seq.insert<LedgerDoc>('ledger', (_id) => ({
          _id,
          memberId: e.memberId,
          delta: e.delta,
          reason: e.reason,
          kind: e.kind,
          actor: e.actor,
          idemKey: e.idemKey,
          createdAt: now.toISOString(),
          ...(e.taskId !== undefined ? { taskId: e.taskId } : {}),
          ...(e.submissionId !== undefined ? { submissionId: e.submissionId } : {}),
          ...(e.branchId !== undefined ? { branchId: e.branchId } : {}),
          ...(e.category !== undefined ? { category: e.category } : {}),
        }));
        await refreshLedgerTotal(m, doc);
        return fromDoc(doc);
      } catch (err) {
        // The unique idemKey index is what makes a concurrent repeat a no-op, as ON CONFLICT DO NOTHING does in SQLite.
        if (isDuplicateOn(err, 'idemKey')) return undefined;
        throw err;
      }
    },
    async findByIdemKey(idemKey) {
      return fromDoc(await m.ledger.findOne({ idemKey }).lean<LedgerDoc>());
    },
    async listByMember(memberId) {
      return (await m.ledger.find({ memberId }).sort({ _id: 1 }).lean<LedgerDoc[]>()).map((d) => fromDoc(d)!);
    },
    async listBySubmission(submissionId) {
      return (await m.ledger.find({ submissionId }).sort({ _id: 1 }).lean<LedgerDoc[]>()).map((d) => fromDoc(d)!);
    },
    async totals(memberIds, r) {
      return memberIds.length === 0 ? new Map() : ledgerSums(m, [...new Set(memberIds)], r);
    },
    async list(r) {
      return (await m.ledger.find(range(r)).sort({ _id: 1 }).lean<LedgerDoc[]>()).map((d) => fromDoc(d)!);
    },
    async memberSummary(memberId, since) {
      const sum = async (r: LedgerFilter) => (await ledgerSums(m, [memberId], r)).get(memberId) ?? 0;
      return {
        total: await sum({}),
        service: await sum({ category: 'service' }),
        since: await Promise.all(since.map((from) => sum({ from }))),
      };
    },
    standing: (memberId, branchId) => mongoStanding(m, memberId, branchId),
  };
  return { ...repo, settle: settleByReads({ ...reads, listBySubmission: repo.listBySubmission, append: repo.append }) };
}
