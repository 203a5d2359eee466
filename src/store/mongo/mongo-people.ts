import type { Platform } from '../../bot/incoming-message';
import type { Chat, Identity, MemberFields, RoleGrant } from '../../model';
import type { BranchRepo, ChatRepo, CheckInRepo, IdentityRepo, MemberRepo, RoleRepo } from '../store';
import {
  fromDoc,
  fromKeyedDoc,
  plain,
  type BranchDoc,
  type CheckInDoc,
  type MemberDoc,
  type RoleGrantDoc,
} from './mongo-docs';
import type { MongoModels } from './mongo-models';
import type { MongoSequences } from './mongo-sequences';
import { createOnce, isDuplicateOn, setUnset } from './mongo-util';
import { MEMBER_RECORD_FIELDS } from '../member-record-fields';

/** Only member columns, undefined skipped: a partial update leaves every other field alone (as in SQLite). */
function memberFields(fields: Partial<MemberFields>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([k, v]) => MEMBER_RECORD_FIELDS.has(k) && v !== undefined));
}

export function mongoBranches(m: MongoModels, seq: MongoSequences): BranchRepo {
  return {
    async create(input, now) {
      const doc = await seq.insert<BranchDoc>('branches', (_id) => ({
        _id,
        name: input.name,
        kind: input.kind,
        createdAt: now.toISOString(),
        ...(input.township !== undefined ? { township: input.township } : {}),
      }));
      return fromDoc(doc)!;
    },
    async get(id) {
      return fromDoc(await m.branches.findById(id).lean<BranchDoc>());
    },
    async findByName(name) {
      return fromDoc(await m.branches.findOne({ name }).lean<BranchDoc>());
    },
    async list() {
      return (await m.branches.find().sort({ _id: 1 }).lean<BranchDoc[]>()).map((d) => fromDoc(d)!);
    },
  };
}

export function mongoMembers(m: MongoModels, seq: MongoSequences): MemberRepo {
  const get = async (id: number) => fromDoc(await m.members.findById(id).lean<MemberDoc>());
  return {
    async create(fields, now, sourceKey) {
      const ts = now.toISOString();
      const key = sourceKey !== undefined ? { sourceKey } : {};
      // Built through the model so the schema's defaults (status, certificate) are in the returned record.
      return fromDoc(
        await createOnce<MemberDoc>(m.members, sourceKey, () =>
          seq.insert<MemberDoc>(
            'members',
            (_id) =>
              new m.members({
                ...memberFields(fields),
                _id,
                createdAt: ts,
                updatedAt: ts,
                ...key,
              }).toObject() as MemberDoc,
          ),
        ),
      )!;
    },
    async update(id, fields, now) {
      const doc = await m.members
        .findOneAndUpdate(
          { _id: id },
          { $set: { ...memberFields(fields), updatedAt: now.toISOString() } },
          { returnDocument: 'after' },
        )
        .lean<MemberDoc>();
      return fromDoc(doc)!;
    },
    get,
    async findByIdentity(platform, userId) {
      const identity = await m.identities.findOne({ platform, userId }, { memberId: 1 }).lean<Identity>();
      return identity ? get(identity.memberId) : undefined;
    },
    async listByBranch(branchId, opts = {}) {
      const filter = {
        $or: [{ homeBranchId: branchId }, { hostBranchId: branchId }],
        ...(opts.status ? { status: opts.status } : {}),
      };
      return (await m.members.find(filter).sort({ _id: 1 }).lean<MemberDoc[]>()).map((d) => fromDoc(d)!);
    },
    async findByName(name) {
      return (await m.members.find({ name }).sort({ _id: 1 }).lean<MemberDoc[]>()).map((d) => fromDoc(d)!);
    },
    async list() {
      return (await m.members.find().sort({ _id: 1 }).lean<MemberDoc[]>()).map((d) => fromDoc(d)!);
    },
    async touch(id, now) {
      await m.members.updateOne({ _id: id }, { $set: { lastSeenAt: now.toISOString() } });
    },
  };
}

export function mongoIdentities(m: MongoModels): IdentityRepo {
  return {
    async bind(identity) {
      const filter = { platform: identity.platform, userId: identity.userId };
      const update = setUnset({ memberId: identity.memberId, displayName: identity.displayName ?? null });
      // Two instances binding the same new identity at once: the loser's upsert hits the unique index; retry as update.
      await m.identities.updateOne(filter, update, { upsert: true }).catch(async (err) => {
        if (!isDuplicateOn(err, 'platform', 'userId')) throw err;
        await m.identities.updateOne(filter, update);
      });
    },
    async find(platform, userId) {
      return fromKeyedDoc<Identity>(await m.identities.findOne({ platform, userId }).lean<Identity>());
    },
    async listByMember(memberId) {
      return (await m.identities.find({ memberId }).sort({ platform: 1, userId: 1 }).lean<Identity[]>()).map((d) =>
        fromKeyedDoc<Identity>(d)!,
      );
    },
  };
}

export function mongoChats(m: MongoModels): ChatRepo {
  const get = async (platform: Platform, chatId: string) =>
    fromKeyedDoc<Chat>(await m.chats.findOne({ platform, chatId }).lean<Chat>());
  return {
    async upsertSeen(chat, now) {
      const filter = { platform: chat.platform, chatId: chat.chatId };
      // The title only changes when one is given (SQLite: COALESCE(excluded.title, chats.title)).
      const update = {
        $setOnInsert: { chatType: chat.chatType, createdAt: now.toISOString() },
        ...(chat.title !== undefined ? { $set: { title: chat.title } } : {}),
      };
      await m.chats.updateOne(filter, update, { upsert: true }).catch((err) => {
        if (!isDuplicateOn(err, 'platform', 'chatId')) throw err;
      });
      return (await get(chat.platform, chat.chatId))!;
    },
    get,
    async bindBranch(platform, chatId, branchId) {
      await m.chats.updateOne({ platform, chatId }, { $set: { branchId } });
    },
    async setPush(platform, chatId, push) {
      await m.chats.updateOne({ platform, chatId }, push ? { $set: { push: plain(push) } } : { $unset: { push: '' } });
    },
    async listByBranch(branchId) {
      return (await m.chats.find({ branchId }).sort({ createdAt: 1, _id: 1 }).lean<Chat[]>()).map((d) =>
        fromKeyedDoc<Chat>(d)!,
      );
    },
  };
}

/** Role grants keep `branchId: null` for admins (the domain type says so), so they are not compacted. */
function toGrant(doc: RoleGrantDoc): RoleGrant {
  return { ...fromDoc(doc)!, branchId: doc.branchId ?? null };
}

export function mongoRoles(m: MongoModels, seq: MongoSequences): RoleRepo {
  return {
    async grant(input, now) {
      const key = { role: input.role, memberId: input.memberId, branchId: input.branchId };
      const existing = await m.roleGrants.findOne(key).lean<RoleGrantDoc>();
      if (existing) return toGrant(existing);
      try {
        return toGrant(
          await seq.insert<RoleGrantDoc>('roleGrants', (_id) => ({
            _id,
            ...key,
            grantedBy: input.grantedBy,
            createdAt: now.toISOString(),
          })),
        );
      } catch (err) {
        if (!isDuplicateOn(err, 'role', 'memberId', 'branchId')) throw err;
        return toGrant((await m.roleGrants.findOne(key).lean<RoleGrantDoc>())!);
      }
    },
    async listByMember(memberId) {
      return (await m.roleGrants.find({ memberId }).sort({ _id: 1 }).lean<RoleGrantDoc[]>()).map(toGrant);
    },
    async secretariesOf(branchId) {
      return (await m.roleGrants.find({ role: 'secretary', branchId }).sort({ _id: 1 }).lean<RoleGrantDoc[]>()).map(
        toGrant,
      );
    },
  };
}

export function mongoCheckIns(m: MongoModels, seq: MongoSequences): CheckInRepo {
  return {
    async record(input, now, sourceKey) {
      return fromDoc(
        await createOnce<CheckInDoc>(m.checkIns, sourceKey, () =>
          seq.insert<CheckInDoc>('checkIns', (_id) => ({
            _id,
            memberId: input.memberId,
            branchId: input.branchId,
            identity: input.identity,
            createdAt: now.toISOString(),
            ...(sourceKey !== undefined ? { sourceKey } : {}),
          })),
        ),
      )!;
    },
    async listByMember(memberId) {
      return (await m.checkIns.find({ memberId }).sort({ _id: 1 }).lean<CheckInDoc[]>()).map((d) => fromDoc(d)!);
    },
  };
}
