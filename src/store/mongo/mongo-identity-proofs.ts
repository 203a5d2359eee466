import type { Model, QueryFilter } from 'mongoose';
import type { BindingCode, IdentityProofRepo, PendingCheckIn } from '../identity-proof-repo';
import type { SessionRecord, SessionRepo } from '../session-repo';
import { compact, fromDoc, plain, type NumberedDoc } from './mongo-docs';
import type { MongoModels } from './mongo-models';
import { Mixed, num, optStr, schema, str } from './mongo-schema';
import type { MongoSequences } from './mongo-sequences';
import { isDuplicateOn } from './mongo-util';

export type PendingCheckInDoc = NumberedDoc<PendingCheckIn>;
export type BindingCodeDoc = NumberedDoc<BindingCode>;
/** `_id` is the session id's hash. */
export type SessionDoc = Omit<SessionRecord, 'idHash'> & { _id: string };

export const identityProofSchemas = {
  pendingCheckIns: schema<PendingCheckInDoc>(
    'pending_check_ins',
    {
      _id: Number,
      platform: str,
      userId: str,
      displayName: optStr,
      chatId: str,
      chatType: str,
      branchId: num,
      name: str,
      text: str,
      fields: Mixed,
      candidateIds: [Number],
      status: { type: String, required: true, default: 'pending' },
      memberId: Number,
      decidedBy: optStr,
      decisionKey: optStr,
      sourceKey: str,
      createdAt: str,
      decidedAt: optStr,
    },
    [[{ sourceKey: 1 }, { unique: true }], [{ platform: 1, userId: 1, branchId: 1, status: 1 }]],
  ),
  bindingCodes: schema<BindingCodeDoc>(
    'binding_codes',
    {
      _id: Number,
      codeHash: str,
      memberId: num,
      issuedTo: str,
      sourceKey: str,
      expiresAt: str,
      usedBy: optStr,
      usedAt: optStr,
      createdAt: str,
    },
    [
      [{ codeHash: 1 }, { unique: true }],
      [{ sourceKey: 1 }, { unique: true }],
    ],
  ),
  sessions: schema<SessionDoc>(
    'dashboard_sessions',
    { _id: String, identity: str, createdAt: str, expiresAt: str, revokedAt: optStr },
    [[{ identity: 1 }]],
  ),
};

/**
 * Inserts the document `build(id)` keyed by `sourceKey` once, under the next id of `name`'s sequence; a repeat (or a
 * concurrent insert that won) returns the stored one.
 */
async function insertOnce<D extends { _id: number; sourceKey: string }>(
  model: Model<D>,
  seq: MongoSequences,
  name: 'pendingCheckIns' | 'bindingCodes',
  sourceKey: string,
  build: (id: number) => D,
): Promise<{ doc: D; created: boolean }> {
  const bySource = { sourceKey } as QueryFilter<D>;
  const existing = await model.findOne(bySource).lean<D>();
  if (existing) return { doc: existing, created: false };
  try {
    return { doc: await seq.insert<D>(name, build), created: true };
  } catch (err) {
    if (!isDuplicateOn(err, 'sourceKey')) throw err; // another unique key (a colliding code hash) is a real refusal
    const stored = await model.findOne(bySource).lean<D>();
    if (!stored) throw err;
    return { doc: stored, created: false };
  }
}

export function mongoIdentityProofs(m: MongoModels, seq: MongoSequences): IdentityProofRepo {
  const pending = (d: PendingCheckInDoc | null) => fromDoc(d) as PendingCheckIn | undefined;
  return {
    async openPending(p, now) {
      const open = await m.pendingCheckIns
        .findOne({
          platform: p.platform,
          userId: p.userId,
          branchId: p.branchId,
          status: 'pending',
          sourceKey: { $ne: p.sourceKey },
        })
        .sort({ _id: 1 })
        .lean<PendingCheckInDoc>();
      if (open) return { pending: pending(open)!, created: false };
      const build = (_id: number) =>
        compact<PendingCheckInDoc>({
          ...p,
          fields: plain(p.fields),
          _id,
          status: 'pending',
          createdAt: now.toISOString(),
        });
      const { doc: stored, created } = await insertOnce(
        m.pendingCheckIns as unknown as Model<PendingCheckInDoc>,
        seq,
        'pendingCheckIns',
        p.sourceKey,
        build,
      );
      return { pending: pending(stored)!, created };
    },
    async getPending(id) {
      return pending(await m.pendingCheckIns.findById(id).lean<PendingCheckInDoc>());
    },
    // Conditional on 'pending': of two secretaries deciding at once, exactly one update matches.
    async decidePending(id, d, now) {
      const set = compact<Record<string, unknown>>({ ...d, decidedAt: now.toISOString() });
      return pending(
        await m.pendingCheckIns
          .findOneAndUpdate({ _id: id, status: 'pending' }, { $set: set }, { returnDocument: 'after' })
          .lean<PendingCheckInDoc>(),
      );
    },
    async issueCode(c, now) {
      const build = (_id: number): BindingCodeDoc => ({ ...c, _id, createdAt: now.toISOString() });
      const { doc: stored, created } = await insertOnce(
        m.bindingCodes as unknown as Model<BindingCodeDoc>,
        seq,
        'bindingCodes',
        c.sourceKey,
        build,
      );
      return { code: fromDoc(stored) as BindingCode, created };
    },
    async useCode(codeHash, usedBy, now) {
      const ts = now.toISOString();
      const doc = await m.bindingCodes
        .findOneAndUpdate(
          { codeHash, usedAt: { $exists: false }, expiresAt: { $gt: ts } },
          { $set: { usedBy, usedAt: ts } },
          { returnDocument: 'after' },
        )
        .lean<BindingCodeDoc>();
      return fromDoc(doc) as BindingCode | undefined;
    },
  };
}

export function mongoSessions(m: MongoModels): SessionRepo {
  return {
    async create(s, now) {
      await m.sessions.create({
        _id: s.idHash,
        identity: s.identity,
        createdAt: now.toISOString(),
        expiresAt: s.expiresAt,
      });
    },
    async findLive(idHash, now) {
      const doc = await m.sessions
        .findOne({ _id: idHash, revokedAt: { $exists: false }, expiresAt: { $gt: now.toISOString() } })
        .lean<SessionDoc>();
      if (!doc) return undefined;
      const { _id, ...rest } = doc;
      return compact<SessionRecord>({ ...rest, idHash: _id });
    },
    async revoke(idHash, now) {
      await m.sessions.updateOne(
        { _id: idHash, revokedAt: { $exists: false } },
        { $set: { revokedAt: now.toISOString() } },
      );
    },
    async revokeIdentities(identities, now) {
      if (identities.length === 0) return 0;
      const ts = now.toISOString();
      const res = await m.sessions.updateMany(
        { identity: { $in: identities }, revokedAt: { $exists: false }, expiresAt: { $gt: ts } },
        { $set: { revokedAt: ts } },
      );
      return res.modifiedCount;
    },
  };
}
