import type { ServiceClaim, ServiceItem } from '../../service/service-records';
import type { ServiceRepo } from '../service-repo';
import { fromDoc, type NumberedDoc } from './mongo-docs';
import type { MongoModels } from './mongo-models';
import { mediaSchema, num, optStr, schema, str } from './mongo-schema';
import type { MongoSequences } from './mongo-sequences';
import { SOURCE_KEY_INDEX, createOnce, isDuplicateOn } from './mongo-util';

export type ServiceItemDoc = NumberedDoc<ServiceItem>;
export type ServiceClaimDoc = NumberedDoc<ServiceClaim>;

export const serviceSchemas = {
  serviceItems: schema<ServiceItemDoc>(
    'service_items',
    {
      _id: Number,
      kind: str,
      branchId: num,
      title: str,
      content: str,
      places: num,
      points: num,
      time: optStr,
      place: optStr,
      deadline: optStr,
      createdBy: str,
      createdAt: str,
      sourceKey: optStr,
    },
    [[{ branchId: 1, _id: -1 }], SOURCE_KEY_INDEX],
  ),
  // (item, slot) unique keeps racing claims within the places without a transaction; (item, member) one per member.
  serviceClaims: schema<ServiceClaimDoc>(
    'service_claims',
    {
      _id: Number,
      itemId: num,
      memberId: num,
      status: str,
      slot: num,
      note: optStr,
      media: [mediaSchema],
      claimedAt: str,
      completedAt: optStr,
      confirmedAt: optStr,
      confirmedBy: optStr,
      sourceKey: str,
    },
    [
      [{ itemId: 1, memberId: 1 }, { unique: true }],
      [{ itemId: 1, slot: 1 }, { unique: true }],
    ],
  ),
};

const claimOf = (d: ServiceClaimDoc | null) => fromDoc(d) as ServiceClaim | undefined;

export function mongoService(m: MongoModels, seq: MongoSequences): ServiceRepo {
  const find = async (itemId: number, memberId: number) =>
    claimOf(await m.serviceClaims.findOne({ itemId, memberId }).lean<ServiceClaimDoc>());
  /** Puts the claim in one free place; false when another claim took that place first (the caller tries the next). */
  const take = async (item: ServiceItem, memberId: number, slot: number, ts: string, sourceKey: string) => {
    const before = await find(item.id, memberId);
    const fields = { status: 'claimed' as const, slot, claimedAt: ts, sourceKey, media: [] };
    if (before)
      await m.serviceClaims.updateOne(
        { _id: before.id, status: 'cancelled' },
        { $set: fields, $unset: { note: 1, completedAt: 1 } },
      );
    else await seq.insert<ServiceClaimDoc>('serviceClaims', (_id) => ({ _id, itemId: item.id, memberId, ...fields }));
  };
  return {
    async create(fields, now, sourceKey) {
      const doc = await createOnce(m.serviceItems, sourceKey, () =>
        seq.insert<ServiceItemDoc>('serviceItems', (_id) => ({
          _id,
          ...fields,
          createdAt: now.toISOString(),
          ...(sourceKey ? { sourceKey } : {}),
        })),
      );
      return fromDoc(doc as ServiceItemDoc) as ServiceItem;
    },
    async get(id) {
      return fromDoc(await m.serviceItems.findById(id).lean<ServiceItemDoc>()) as ServiceItem | undefined;
    },
    async list(opts = {}) {
      const filter = {
        ...(opts.branchIds ? { branchId: { $in: opts.branchIds } } : {}),
        ...(opts.kind ? { kind: opts.kind } : {}),
      };
      const docs = await m.serviceItems.find(filter).sort({ _id: -1 }).lean<ServiceItemDoc[]>();
      return docs.map((d) => fromDoc(d) as ServiceItem);
    },
    // The unique indexes decide each race: a place another claim took first refuses with E11000 on (item, slot) and
    // the next free place is tried; a second claim by the member refuses on (item, member).
    async claim(item, memberId, now, sourceKey) {
      for (let round = 0; round <= item.places; round++) {
        const before = await find(item.id, memberId);
        if (before && before.status !== 'cancelled')
          return { outcome: before.sourceKey === sourceKey ? 'claimed' : 'already', claim: before };
        const held = await m.serviceClaims
          .find({ itemId: item.id, slot: { $gt: 0 } }, { slot: 1 })
          .lean<ServiceClaimDoc[]>();
        const taken = new Set(held.map((c) => c.slot));
        const slot = [...Array(item.places).keys()].map((i) => i + 1).find((s) => !taken.has(s));
        if (slot === undefined) return { outcome: 'full' };
        try {
          await take(item, memberId, slot, now.toISOString(), sourceKey);
        } catch (err) {
          if (!isDuplicateOn(err, 'itemId', 'slot') && !isDuplicateOn(err, 'itemId', 'memberId')) throw err;
        }
      }
      const last = await find(item.id, memberId);
      return last && last.status !== 'cancelled' ? { outcome: 'claimed', claim: last } : { outcome: 'full' };
    },
    async cancel(itemId, memberId) {
      const before = await find(itemId, memberId);
      if (before?.status === 'claimed')
        await m.serviceClaims.updateOne(
          { _id: before.id, status: 'claimed' },
          { $set: { status: 'cancelled', slot: -before.id } },
        );
      return find(itemId, memberId);
    },
    async complete(itemId, memberId, proof, now) {
      await m.serviceClaims.updateOne(
        { itemId, memberId, status: { $in: ['claimed', 'completed'] } },
        { $set: { status: 'completed', note: proof.note, media: proof.media, completedAt: now.toISOString() } },
      );
      return find(itemId, memberId);
    },
    async confirm(itemId, memberId, by, now) {
      await m.serviceClaims.updateOne(
        { itemId, memberId, status: 'completed' },
        { $set: { status: 'confirmed', confirmedAt: now.toISOString(), confirmedBy: by } },
      );
      return find(itemId, memberId);
    },
    find,
    async listClaims(itemId) {
      const docs = await m.serviceClaims.find({ itemId }).sort({ claimedAt: 1, _id: 1 }).lean<ServiceClaimDoc[]>();
      return docs.map((d) => claimOf(d)!);
    },
  };
}
