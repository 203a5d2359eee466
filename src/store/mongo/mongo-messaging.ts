import type { Platform } from '../../bot/incoming-message';
import type { OutboxItem } from '../../outbox/outbox-types';
import type { AuditRepo, ChatLogRepo, InboxRepo, LeaseRepo, OutboxRepo } from '../store';
import {
  fromDoc,
  plain,
  type AuditDoc,
  type ChatLogDoc,
  type InboxDoc,
  type LeaseDoc,
  type OutboxDoc,
} from './mongo-docs';
import type { MongoModels } from './mongo-models';
import type { MongoSequences } from './mongo-sequences';
import type { ServerTime } from './mongo-server-time';
import { createOnce, isDuplicateOn } from './mongo-util';

export function mongoInbox(m: MongoModels): InboxRepo {
  return {
    async accept(key, message, now) {
      // The `_id` is the dedupe key: of two instances receiving the same redelivery, exactly one insert succeeds.
      try {
        await m.inbox.create({ _id: key, message: plain(message), status: 'received', receivedAt: now.toISOString() });
        return true;
      } catch (err) {
        if (isDuplicateOn(err, '_id')) return false;
        throw err;
      }
    },
    async markDone(key, status, error, now) {
      const update =
        error === undefined
          ? { $set: { status, processedAt: now.toISOString() }, $unset: { error: '' as const } }
          : { $set: { status, error, processedAt: now.toISOString() } };
      await m.inbox.updateOne({ _id: key }, update);
    },
    async redactText(key, text) {
      await m.inbox.updateOne({ _id: key }, { $set: { 'message.text': text } });
    },
    async listUnprocessed(limit) {
      const docs = await m.inbox
        .find({ status: 'received' })
        .sort({ receivedAt: 1, _id: 1 })
        .limit(limit)
        .lean<InboxDoc[]>();
      return docs.map((d) => ({ key: d._id, message: d.message }));
    },
    async count() {
      return m.inbox.countDocuments();
    },
  };
}

function toItem(doc: OutboxDoc | null): OutboxItem | undefined {
  const item = fromDoc(doc);
  if (!item) return undefined;
  const { claimedBy: _claimedBy, claimedUntil: _claimedUntil, mentions, ...rest } = item;
  return {
    ...rest,
    target: { platform: rest.target.platform, chatId: rest.target.chatId, chatType: rest.target.chatType },
    ...(mentions?.length ? { mentions: [...mentions] } : {}),
  };
}

export function mongoOutbox(m: MongoModels, seq: MongoSequences, at: ServerTime): OutboxRepo {
  // The unique idemKey index is partial ($type string): only a query that states the same predicate can use it.
  const byKey = async (idemKey: string) =>
    toItem(await m.outbox.findOne({ idemKey: { $eq: idemKey, $type: 'string' } }).lean<OutboxDoc>());
  return {
    async enqueue(msg, now) {
      if (msg.idemKey !== undefined) {
        const existing = await byKey(msg.idemKey);
        if (existing) return existing;
      }
      const ts = now.toISOString();
      try {
        return toItem(
          await seq.insert<OutboxDoc>('outbox', (_id) => ({
            _id,
            target: { ...msg.target },
            text: msg.text,
            status: 'pending',
            attempts: 0,
            nextAttemptAt: ts,
            createdAt: ts,
            ...(msg.mentions?.length ? { mentions: [...msg.mentions] } : {}),
            ...(msg.replyHint !== undefined ? { replyHint: plain(msg.replyHint) } : {}),
            ...(msg.idemKey !== undefined ? { idemKey: msg.idemKey } : {}),
          })),
        )!;
      } catch (err) {
        if (msg.idemKey === undefined || !isDuplicateOn(err, 'idemKey')) throw err;
        return (await byKey(msg.idemKey))!;
      }
    },
    /**
     * One `findOneAndUpdate` per item: matching a due item and marking it `sending` for this owner is a single atomic
     * document write, so two instances can never claim (and send) the same item. A claim whose lease ran out (the
     * claimer died mid-send) is due again. The claim's end is set and compared on the server's clock: an instance
     * whose clock runs ahead must not see another's claim as run out.
     */
    async claimDue(owner, now, limit, leaseMs, opts = {}) {
      const ts = now.toISOString();
      const due: Record<string, unknown> = {
        $or: [
          { status: 'pending', nextAttemptAt: { $lte: ts } },
          { status: 'sending', $expr: { $lt: ['$claimedUntil', at(now)] } },
        ],
      };
      if (opts.platforms) due['target.platform'] = { $in: opts.platforms satisfies Platform[] };
      const claim = [
        {
          $set: {
            status: 'sending',
            claimedBy: { $literal: owner },
            claimedUntil: at(now, leaseMs),
            attempts: { $add: ['$attempts', 1] },
          },
        },
      ];
      const claimed: OutboxItem[] = [];
      while (claimed.length < limit) {
        const doc = await m.outbox
          .findOneAndUpdate(due, claim, { sort: { _id: 1 }, returnDocument: 'after', updatePipeline: true })
          .lean<OutboxDoc>();
        if (!doc) break;
        claimed.push(toItem(doc)!);
      }
      return claimed;
    },
    async markSent(id, now) {
      await m.outbox.updateOne(
        { _id: id },
        { $set: { status: 'sent', sentAt: now.toISOString() }, $unset: { lastError: '', claimedUntil: '' } },
      );
    },
    async markRetry(id, error, next) {
      await m.outbox.updateOne(
        { _id: id },
        {
          $set: { status: 'pending', lastError: error, nextAttemptAt: next.toISOString() },
          $unset: { claimedUntil: '' },
        },
      );
    },
    async defer(id, next) {
      // A pipeline update so "attempts - 1, never below 0" is one atomic write (mongoose 9 asks for updatePipeline).
      await m.outbox.updateOne(
        { _id: id },
        [
          {
            $set: {
              status: 'pending',
              nextAttemptAt: next.toISOString(),
              attempts: { $max: [{ $subtract: ['$attempts', 1] }, 0] },
            },
          },
          { $unset: 'claimedUntil' },
        ],
        { updatePipeline: true },
      );
    },
    async markFailed(id, error, now) {
      await m.outbox.updateOne(
        { _id: id },
        { $set: { status: 'failed', lastError: error, nextAttemptAt: now.toISOString() }, $unset: { sentAt: '' } },
      );
    },
    async get(id) {
      return toItem(await m.outbox.findById(id).lean<OutboxDoc>());
    },
    async depth() {
      return m.outbox.countDocuments({ status: { $in: ['pending', 'sending'] } });
    },
    async listFailed(limit) {
      return (await m.outbox.find({ status: 'failed' }).sort({ _id: -1 }).limit(limit).lean<OutboxDoc[]>()).map((d) =>
        toItem(d)!,
      );
    },
    async prune(before) {
      return (await m.outbox.deleteMany({ status: 'sent', sentAt: { $lt: before.toISOString() } })).deletedCount;
    },
  };
}

export function mongoChatLog(m: MongoModels, seq: MongoSequences): ChatLogRepo {
  return {
    async append(e) {
      await seq.insert<ChatLogDoc>('chatLog', (_id) => ({
        _id,
        platform: e.platform,
        chatId: e.chatId,
        from: e.from,
        text: e.text,
        at: e.at,
        ...(e.mentions?.length ? { mentions: [...e.mentions] } : {}),
      }));
    },
    async redact(platform, chatId, from, text, replacement) {
      await m.chatLog.updateMany(
        { platform, chatId: { $eq: chatId }, from: { $eq: from }, text: { $eq: text } },
        { $set: { text: replacement } },
      );
    },
    async list(platform, chatId, limit = 500) {
      const docs = await m.chatLog.find({ platform, chatId }).sort({ _id: -1 }).limit(limit).lean<ChatLogDoc[]>();
      return docs.reverse().map((d) => {
        const { mentions, ...entry } = fromDoc(d)!;
        return mentions?.length ? { ...entry, mentions: [...mentions] } : entry;
      });
    },
  };
}

export function mongoAudit(m: MongoModels, seq: MongoSequences): AuditRepo {
  return {
    async record(e, now, sourceKey) {
      await createOnce<AuditDoc>(m.audit, sourceKey, () =>
        seq.insert<AuditDoc>('audit', (_id) => ({
          _id,
          actor: e.actor,
          action: e.action,
          subject: e.subject,
          createdAt: now.toISOString(),
          ...(e.detail !== undefined ? { detail: plain(e.detail) } : {}),
          ...(sourceKey !== undefined ? { sourceKey } : {}),
        })),
      );
    },
    async list(limit) {
      return (await m.audit.find().sort({ _id: -1 }).limit(limit).lean<AuditDoc[]>()).map((d) => fromDoc(d)!);
    },
  };
}

export function mongoLeases(m: MongoModels, at: ServerTime): LeaseRepo {
  return {
    /**
     * One atomic pipeline upsert on the server's clock: the lease changes hands only when this owner holds it or it
     * ran out (server time), otherwise the document stays as it is; the returned owner is the answer. Two upserts
     * racing to create it: the second meets the first's `_id` and simply runs again.
     */
    async acquire(name, owner, now, ttlMs) {
      const mine = { $literal: owner };
      const free = { $or: [{ $eq: ['$owner', mine] }, { $not: [{ $gt: ['$expiresAt', at(now)] }] }] };
      const take = [
        {
          $set: {
            owner: { $cond: [free, mine, '$owner'] },
            expiresAt: { $cond: [free, at(now, ttlMs), '$expiresAt'] },
          },
        },
      ];
      const run = () =>
        m.leases
          .findOneAndUpdate({ _id: name }, take, { upsert: true, returnDocument: 'after', updatePipeline: true })
          .lean<LeaseDoc>();
      const doc = await run().catch((err) => {
        if (isDuplicateOn(err, '_id')) return run();
        throw err;
      });
      return doc?.owner === owner;
    },
    async release(name, owner) {
      await m.leases.deleteOne({ _id: name, owner });
    },
  };
}
