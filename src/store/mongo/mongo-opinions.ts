import type { Opinion, OpinionEvent, OpinionSender } from '../../opinions/opinion';
import type { OpinionFilter, OpinionRepo } from '../opinion-repo';
import { compact, fromDoc, type NumberedDoc } from './mongo-docs';
import type { MongoModels } from './mongo-models';
import { appendOnly, num, optStr, schema, str } from './mongo-schema';
import type { MongoSequences } from './mongo-sequences';
import { createOnce, isDuplicateOn } from './mongo-util';

export type OpinionDoc = NumberedDoc<Opinion>;
export type OpinionEventDoc = NumberedDoc<OpinionEvent>;
/** The sender link, one per opinion. */
export type OpinionSenderDoc = OpinionSender;

const times = Object.fromEntries(
  ['answeredAt', 'closedAt', 'confirmedAt', 'referredAt', 'digestedAt', 'adminNotifiedAt'].map((k) => [k, optStr]),
);

export const opinionSchemas = {
  opinions: schema<OpinionDoc>(
    'opinions',
    {
      _id: Number,
      kind: str,
      category: str,
      content: str,
      anonymous: { type: Boolean, required: true },
      memberId: Number,
      branchId: num,
      branchSide: str,
      status: { type: String, required: true, default: 'received' },
      answer: optStr,
      result: optStr,
      referReason: optStr,
      disputes: { type: Number, required: true, default: 0 },
      disputeReason: optStr,
      ...times,
      platform: str,
      sourceKey: str,
      createdAt: str,
      updatedAt: str,
    },
    [[{ sourceKey: 1 }, { unique: true }], [{ branchId: 1, _id: -1 }], [{ status: 1, createdAt: 1 }]],
  ),
  opinionSenders: schema<OpinionSenderDoc>('opinion_senders', { opinionId: num, memberId: num, platform: str }, [
    [{ opinionId: 1 }, { unique: true }],
    [{ memberId: 1 }],
  ]),
  opinionEvents: appendOnly(
    schema<OpinionEventDoc>(
      'opinion_events',
      { _id: Number, opinionId: num, kind: str, actor: str, text: optStr, idemKey: str, createdAt: str },
      [[{ idemKey: 1 }, { unique: true }], [{ opinionId: 1, _id: 1 }]],
    ),
    'opinion history',
  ),
};

function filterOf(f: OpinionFilter): Record<string, unknown> {
  const q: Record<string, unknown> = {};
  if (f.branchIds) q.branchId = { $in: f.branchIds };
  if (f.statuses?.length) q.status = { $in: f.statuses };
  if (f.before) q.createdAt = { $lt: f.before.toISOString() };
  return q;
}

const many = (docs: OpinionDoc[]) => docs.map((d) => fromDoc(d)!);

export function mongoOpinions(m: MongoModels, seq: MongoSequences): OpinionRepo {
  const get = async (id: number) => fromDoc(await m.opinions.findById(id).lean<OpinionDoc>());
  return {
    async open(input, sender, now) {
      const ts = now.toISOString();
      let created = false;
      const doc = await createOnce(m.opinions, input.sourceKey, async () => {
        const made = await seq.insert<OpinionDoc>('opinions', (_id) =>
          compact<OpinionDoc>({
            _id,
            ...input,
            memberId: input.anonymous ? undefined : sender.memberId,
            status: 'received',
            disputes: 0,
            createdAt: ts,
            updatedAt: ts,
          }),
        );
        created = true;
        return made;
      });
      // Upserted, not inserted: a run that stopped between the two writes completes the link on its retry.
      await m.opinionSenders.updateOne(
        { opinionId: doc._id },
        { $setOnInsert: { memberId: sender.memberId, platform: sender.platform } },
        { upsert: true },
      );
      return { opinion: fromDoc(doc as OpinionDoc)!, created };
    },
    get,
    async list(filter = {}) {
      const query = m.opinions.find(filterOf(filter)).sort({ _id: -1 });
      if (filter.limit) query.limit(Math.max(1, Math.floor(filter.limit)));
      return many(await query.lean<OpinionDoc[]>());
    },
    async transition(id, guard, patch, now) {
      const fields = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const doc = await m.opinions
        .findOneAndUpdate(
          {
            _id: id,
            status: { $in: guard.statuses },
            ...(guard.disputes === undefined ? {} : { disputes: guard.disputes }),
          },
          { $set: { ...fields, updatedAt: now.toISOString() } },
          { returnDocument: 'after' },
        )
        .lean<OpinionDoc>();
      return doc ? fromDoc(doc) : undefined;
    },
    // Conditional on the stage being unset: of two instances marking at once, one update matches.
    async markStage(id, stage, now) {
      const res = await m.opinions.updateOne(
        { _id: id, [stage]: { $exists: false } },
        { $set: { [stage]: now.toISOString() } },
      );
      return res.modifiedCount > 0;
    },
    async senderOf(id) {
      const doc = await m.opinionSenders.findOne({ opinionId: id }).lean<OpinionSenderDoc>();
      return doc ? { opinionId: doc.opinionId, memberId: doc.memberId, platform: doc.platform } : undefined;
    },
    async listBySender(memberId) {
      const links = await m.opinionSenders.find({ memberId }).lean<OpinionSenderDoc[]>();
      const ids = links.map((l) => l.opinionId);
      return many(
        await m.opinions
          .find({ _id: { $in: ids } })
          .sort({ _id: -1 })
          .lean<OpinionDoc[]>(),
      );
    },
    async addEvent(e, now) {
      if (await m.opinionEvents.exists({ idemKey: e.idemKey })) return undefined;
      try {
        return fromDoc(
          await seq.insert<OpinionEventDoc>('opinionEvents', (_id) =>
            compact<OpinionEventDoc>({ _id, ...e, createdAt: now.toISOString() }),
          ),
        );
      } catch (err) {
        if (isDuplicateOn(err, 'idemKey')) return undefined;
        throw err;
      }
    },
    async listEvents(opinionId) {
      return (await m.opinionEvents.find({ opinionId }).sort({ _id: 1 }).lean<OpinionEventDoc[]>()).map((d) =>
        fromDoc(d)!,
      );
    },
  };
}
