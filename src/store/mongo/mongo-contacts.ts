import type { Contact, Homecoming } from '../../contacts/contact';
import type { Certificate } from '../../certificates/certificate';
import type { SubmissionMedia } from '../../model';
import type { CertificateRepo } from '../certificate-repo';
import type { ContactFilter, ContactRepo, HomecomingFilter } from '../contact-repo';
import { compact, fromDoc, plain, type NumberedDoc } from './mongo-docs';
import type { MongoModels } from './mongo-models';
import { mediaSchema, num, optStr, schema, str } from './mongo-schema';
import type { MongoSequences } from './mongo-sequences';
import { isDuplicateOn } from './mongo-util';

export type ContactDoc = NumberedDoc<Contact>;
export type HomecomingDoc = NumberedDoc<Homecoming>;
export type CertificateDoc = NumberedDoc<Certificate>;

export const contactSchemas = {
  contacts: schema<ContactDoc>(
    'contacts',
    {
      _id: Number,
      memberId: num,
      kind: str,
      note: str,
      media: [mediaSchema],
      recordedBy: str,
      sourceKey: str,
      createdAt: str,
    },
    [[{ sourceKey: 1 }, { unique: true }], [{ memberId: 1, createdAt: -1 }]],
  ),
  homecomings: schema<HomecomingDoc>(
    'homecomings',
    {
      _id: Number,
      memberId: num,
      branchId: num,
      season: str,
      stayUntil: optStr,
      text: str,
      sourceKey: str,
      createdAt: str,
      updatedAt: str,
    },
    [[{ memberId: 1, season: 1 }, { unique: true }], [{ branchId: 1, season: 1 }]],
  ),
  certificates: schema<CertificateDoc>(
    'certificates',
    {
      _id: Number,
      memberId: num,
      branchId: num,
      issuedBy: str,
      validFrom: str,
      validUntil: str,
      destination: optStr,
      departureMonth: optStr,
      sourceKey: str,
      createdAt: str,
    },
    [[{ sourceKey: 1 }, { unique: true }], [{ memberId: 1 }]],
  ),
};

/** An id list narrows the query; an empty one matches nothing (as in SQLite). */
const inList = (ids: number[] | undefined) => (ids ? { $in: ids } : undefined);

function contactQuery(f: ContactFilter): Record<string, unknown> {
  const createdAt = compact<Record<string, string>>({ $gte: f.from, $lt: f.to });
  return compact({ memberId: inList(f.memberIds), createdAt: Object.keys(createdAt).length ? createdAt : undefined });
}

const homeQuery = (f: HomecomingFilter) =>
  compact<Record<string, unknown>>({ branchId: inList(f.branchIds), season: f.season });

/** Inserts under the next id unless `sourceKey` is taken (`holder` finds who took it); then returns that one. */
async function insertOnce<D extends { _id: number }>(
  seq: MongoSequences,
  name: 'contacts' | 'certificates',
  holder: () => Promise<D | null>,
  build: (id: number) => D,
): Promise<{ doc: D; created: boolean }> {
  const before = await holder();
  if (before) return { doc: before, created: false };
  try {
    return { doc: await seq.insert<D>(name, build), created: true };
  } catch (err) {
    if (!isDuplicateOn(err, 'sourceKey')) throw err;
    return { doc: (await holder())!, created: false };
  }
}

export function mongoContacts(m: MongoModels, seq: MongoSequences): ContactRepo {
  return {
    async record(input, now) {
      const holder = () => m.contacts.findOne({ sourceKey: input.sourceKey }).lean<ContactDoc>();
      const { doc, created } = await insertOnce<ContactDoc>(seq, 'contacts', holder, (_id) =>
        compact<ContactDoc>({ _id, ...plain(input), createdAt: now.toISOString() }),
      );
      return {
        contact: { ...fromDoc(doc)!, media: (doc.media ?? []).map((x) => compact<SubmissionMedia>({ ...x })) },
        created,
      };
    },
    async list(filter = {}) {
      const docs = await m.contacts.find(contactQuery(filter)).sort({ createdAt: -1, _id: -1 }).lean<ContactDoc[]>();
      return docs.map(
        (d) => ({ ...fromDoc(d)!, media: (d.media ?? []).map((x) => compact<SubmissionMedia>({ ...x })) }) as Contact,
      );
    },
    async reportHome(input, now) {
      const key = { memberId: input.memberId, season: input.season };
      const before = await m.homecomings.findOne(key).lean<HomecomingDoc>();
      if (before?.sourceKey === input.sourceKey) return { homecoming: fromDoc(before)!, created: false };
      const ts = now.toISOString();
      if (before) {
        const set = { branchId: input.branchId, text: input.text, sourceKey: input.sourceKey, updatedAt: ts };
        const unset = input.stayUntil === undefined ? { $unset: { stayUntil: 1 } } : {};
        const stay = input.stayUntil === undefined ? {} : { stayUntil: input.stayUntil };
        await m.homecomings.updateOne({ _id: before._id }, { $set: { ...set, ...stay }, ...unset });
        return { homecoming: fromDoc(await m.homecomings.findById(before._id).lean<HomecomingDoc>())!, created: false };
      }
      try {
        const doc = await seq.insert<HomecomingDoc>('homecomings', (_id) =>
          compact<HomecomingDoc>({ _id, ...input, createdAt: ts, updatedAt: ts }),
        );
        return { homecoming: fromDoc(doc)!, created: true };
      } catch (err) {
        if (!isDuplicateOn(err, 'memberId', 'season')) throw err;
        return { homecoming: fromDoc(await m.homecomings.findOne(key).lean<HomecomingDoc>())!, created: false };
      }
    },
    async listHome(filter = {}) {
      const docs = await m.homecomings.find(homeQuery(filter)).sort({ updatedAt: -1, _id: -1 }).lean<HomecomingDoc[]>();
      return docs.map((d) => fromDoc(d)!);
    },
  };
}

export function mongoCertificates(m: MongoModels, seq: MongoSequences): CertificateRepo {
  return {
    async issue(input, now) {
      const holder = () => m.certificates.findOne({ sourceKey: input.sourceKey }).lean<CertificateDoc>();
      const { doc, created } = await insertOnce<CertificateDoc>(seq, 'certificates', holder, (_id) =>
        compact<CertificateDoc>({ _id, ...input, createdAt: now.toISOString() }),
      );
      return { certificate: fromDoc(doc)!, created };
    },
    async get(id) {
      return fromDoc(await m.certificates.findById(id).lean<CertificateDoc>());
    },
    async list(filter = {}) {
      const docs = await m.certificates
        .find(compact({ memberId: inList(filter.memberIds) }))
        .sort({ _id: -1 })
        .lean<CertificateDoc[]>();
      return docs.map((d) => fromDoc(d)!);
    },
  };
}
