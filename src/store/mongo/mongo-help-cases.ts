import type { HelpCase, HelpCaseEvent } from '../../help-cases/help-case';
import type { HelpCaseCount, HelpCaseFilter, HelpCaseRepo } from '../help-case-repo';
import { compact, fromDoc, type NumberedDoc } from './mongo-docs';
import type { MongoModels } from './mongo-models';
import { appendOnly, num, optStr, schema, str } from './mongo-schema';
import type { MongoSequences } from './mongo-sequences';
import { isDuplicateOn } from './mongo-util';

export type HelpCaseDoc = NumberedDoc<HelpCase>;
export type HelpCaseEventDoc = NumberedDoc<HelpCaseEvent>;

export const helpCaseSchemas = {
  helpCases: schema<HelpCaseDoc>(
    'help_cases',
    {
      _id: Number,
      memberId: num,
      category: str,
      content: str,
      status: { type: String, required: true, default: 'open' },
      homeBranchId: Number,
      hostBranchId: Number,
      assigneeId: Number,
      platform: str,
      sourceKey: str,
      result: optStr,
      rating: optStr,
      firstReplyAt: optStr,
      escalatedAt: optStr,
      closedAt: optStr,
      ratedAt: optStr,
      createdAt: str,
      updatedAt: str,
    },
    [
      [{ sourceKey: 1 }, { unique: true }],
      [{ memberId: 1, _id: -1 }],
      [{ status: 1, createdAt: 1 }],
      [{ homeBranchId: 1, _id: -1 }],
      [{ hostBranchId: 1, _id: -1 }],
      [{ assigneeId: 1, _id: -1 }],
    ],
  ),
  helpCaseEvents: appendOnly(
    schema<HelpCaseEventDoc>(
      'help_case_events',
      {
        _id: Number,
        caseId: num,
        kind: str,
        actor: str,
        text: optStr,
        idemKey: str,
        createdAt: str,
      },
      [[{ idemKey: 1 }, { unique: true }], [{ caseId: 1, _id: 1 }]],
    ),
    'help case history',
  ),
};

function filterOf(f: HelpCaseFilter): Record<string, unknown> {
  const and: Record<string, unknown>[] = [];
  const scope: Record<string, unknown>[] = [];
  if (f.branchIds?.length) scope.push({ homeBranchId: { $in: f.branchIds } }, { hostBranchId: { $in: f.branchIds } });
  if (f.assigneeId !== undefined) scope.push({ assigneeId: f.assigneeId });
  // An empty branch list in scope matches nothing, not everything (as in SQLite).
  if (scope.length) and.push({ $or: scope });
  else if (f.branchIds) and.push({ _id: { $in: [] } });
  if (f.memberId !== undefined) and.push({ memberId: f.memberId });
  if (f.statuses?.length) and.push({ status: { $in: f.statuses } });
  return and.length ? { $and: and } : {};
}

export function mongoHelpCases(m: MongoModels, seq: MongoSequences): HelpCaseRepo {
  const get = async (id: number) => fromDoc(await m.helpCases.findById(id).lean<HelpCaseDoc>());
  const byKey = async (sourceKey: string) => fromDoc(await m.helpCases.findOne({ sourceKey }).lean<HelpCaseDoc>())!;
  return {
    async open(input, now) {
      if (await m.helpCases.exists({ sourceKey: input.sourceKey }))
        return { helpCase: await byKey(input.sourceKey), created: false };
      const ts = now.toISOString();
      try {
        const doc = await seq.insert<HelpCaseDoc>('helpCases', (_id) =>
          compact<HelpCaseDoc>({
            _id,
            memberId: input.memberId,
            category: input.category,
            content: input.content,
            status: 'open',
            homeBranchId: input.homeBranchId,
            hostBranchId: input.hostBranchId,
            assigneeId: input.assigneeId,
            platform: input.platform,
            sourceKey: input.sourceKey,
            createdAt: ts,
            updatedAt: ts,
          }),
        );
        return { helpCase: fromDoc(doc)!, created: true };
      } catch (err) {
        if (!isDuplicateOn(err, 'sourceKey')) throw err;
        return { helpCase: await byKey(input.sourceKey), created: false };
      }
    },
    get,
    async list(filter = {}) {
      const query = m.helpCases.find(filterOf(filter)).sort({ _id: -1 });
      if (filter.limit) query.limit(Math.max(1, Math.floor(filter.limit)));
      return (await query.lean<HelpCaseDoc[]>()).map((d) => fromDoc(d)!);
    },
    async update(id, patch, now) {
      const fields = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const doc = await m.helpCases
        .findOneAndUpdate(
          { _id: id },
          { $set: { ...fields, updatedAt: now.toISOString() } },
          { returnDocument: 'after' },
        )
        .lean<HelpCaseDoc>();
      if (!doc) throw new Error(`help case ${id} does not exist`);
      return fromDoc(doc)!;
    },
    async listUnanswered(before) {
      const docs = await m.helpCases
        .find({ status: 'open', escalatedAt: { $exists: false }, createdAt: { $lt: before.toISOString() } })
        .sort({ createdAt: 1, _id: 1 })
        .lean<HelpCaseDoc[]>();
      return docs.map((d) => fromDoc(d)!);
    },
    // Conditional on escalatedAt being unset: of two instances escalating at once, one update matches.
    async markEscalated(id, now) {
      const ts = now.toISOString();
      const res = await m.helpCases.updateOne(
        { _id: id, escalatedAt: { $exists: false } },
        { $set: { escalatedAt: ts, updatedAt: ts } },
      );
      return res.modifiedCount > 0;
    },
    async addEvent(e, now) {
      if (await m.helpCaseEvents.exists({ idemKey: e.idemKey })) return undefined;
      try {
        return fromDoc(
          await seq.insert<HelpCaseEventDoc>('helpCaseEvents', (_id) =>
            compact<HelpCaseEventDoc>({
              _id,
              caseId: e.caseId,
              kind: e.kind,
              actor: e.actor,
              text: e.text,
              idemKey: e.idemKey,
              createdAt: now.toISOString(),
            }),
          ),
        );
      } catch (err) {
        if (isDuplicateOn(err, 'idemKey')) return undefined;
        throw err;
      }
    },
    async listEvents(caseId) {
      return (await m.helpCaseEvents.find({ caseId }).sort({ _id: 1 }).lean<HelpCaseEventDoc[]>()).map((d) =>
        fromDoc(d)!,
      );
    },
    async counts() {
      const rows = await m.helpCases.aggregate<{
        _id: { category: HelpCaseCount['category']; status: HelpCaseCount['status'] };
        count: number;
      }>([
        { $group: { _id: { category: '$category', status: '$status' }, count: { $sum: 1 } } },
        { $sort: { '_id.category': 1, '_id.status': 1 } },
      ]);
      return rows.map((r) => ({ category: r._id.category, status: r._id.status, count: r.count }));
    },
  };
}
