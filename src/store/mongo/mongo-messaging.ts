import type { Platform } from '../../core/incoming-message';
import type { OutboxItem } from '../../core/outbox-types';
import type { AuditRepo, ChatLogRepo, InboxRepo, LeaseRepo, OutboxRepo } from '../store';
import { fromDoc, plain, type AuditDoc, type ChatLogDoc, type InboxDoc, type OutboxDoc } from './mongo-docs';
import type { MongoModels } from './mongo-models';
import { createOnce, isDuplicateKey, type MongoSequences } from './mongo-util';

export function mongoInbox(m: MongoModels): InboxRepo {
  return {
    async accept(key, message, now) {
      // The `_id` is the dedupe key: of two instances receiving the same redelivery, exactly one insert succeeds.
      try {
        await m.inbox.create({ _id: key, message: plain(message), status: 'received', receivedAt: now.toISOString() });
        return true;
      } catch (err) {
        if (isDuplicateKey(err)) return false;
        throw err;
      }
    },
    async markDone(key, status, error, now) {
      const update = error === undefined
        ? { $set: { status, processedAt: now.toISOString() }, $unset: { error: '' as const } }
        : { $set: { status, error, processedAt: now.toISOString() } };
      await m.inbox.updateOne({ _id: key }, update);
    },
    async listUnprocessed(limit) {
      const docs = await m.inbox.find({ status: 'received' }).sort({ receivedAt: 1, _id: 1 }).limit(limit).lean<InboxDoc[]>();
      return docs.map((d) => ({ key: d._id, message: d.message }));
    },
    async count() { return m.inbox.countDocuments(); },
  };
}

function toItem(doc: OutboxDoc | null): OutboxItem | undefined {
  const item = fromDoc(doc);
  if (!item) return undefined;
  const { claimedBy, claimedUntil, mentions, ...rest } = item;
  return { ...rest, target: { platform: rest.target.platform, chatId: rest.target.chatId, chatType: rest.target.chatType }, ...(mentions?.length ? { mentions: [...mentions] } : {}) };
}

export function mongoOutbox(m: MongoModels, seq: MongoSequences): OutboxRepo {
  const byKey = async (idemKey: string) => toItem(await m.outbox.findOne({ idemKey }).lean<OutboxDoc>());
  return {
    async enqueue(msg, now) {
      if (msg.idemKey !== undefined) {
        const existing = await byKey(msg.idemKey);
        if (existing) return existing;
      }
      const ts = now.toISOString();
      const doc: OutboxDoc = {
        _id: await seq.next('outbox'), target: { ...msg.target }, text: msg.text, status: 'pending', attempts: 0, nextAttemptAt: ts, createdAt: ts,
        ...(msg.mentions?.length ? { mentions: [...msg.mentions] } : {}), ...(msg.replyHint !== undefined ? { replyHint: plain(msg.replyHint) } : {}),
        ...(msg.idemKey !== undefined ? { idemKey: msg.idemKey } : {}),
      };
      try {
        await m.outbox.create(doc);
        return toItem(doc)!;
      } catch (err) {
        if (msg.idemKey === undefined || !isDuplicateKey(err)) throw err;
        return (await byKey(msg.idemKey))!;
      }
    },
    /**
     * One `findOneAndUpdate` per item: matching a due item and marking it `sending` for this owner is a single atomic
     * document write, so two instances can never claim (and send) the same item. A claim whose lease ran out (the
     * claimer died mid-send) is due again.
     */
    async claimDue(owner, now, limit, leaseMs, opts = {}) {
      const ts = now.toISOString();
      const due: Record<string, unknown> = { $or: [{ status: 'pending', nextAttemptAt: { $lte: ts } }, { status: 'sending', claimedUntil: { $lt: ts } }] };
      if (opts.platforms) due['target.platform'] = { $in: opts.platforms satisfies Platform[] };
      const until = new Date(now.getTime() + leaseMs).toISOString();
      const claimed: OutboxItem[] = [];
      while (claimed.length < limit) {
        const doc = await m.outbox.findOneAndUpdate(due, { $set: { status: 'sending', claimedBy: owner, claimedUntil: until }, $inc: { attempts: 1 } },
          { sort: { _id: 1 }, returnDocument: 'after' }).lean<OutboxDoc>();
        if (!doc) break;
        claimed.push(toItem(doc)!);
      }
      return claimed;
    },
    async markSent(id, now) {
      await m.outbox.updateOne({ _id: id }, { $set: { status: 'sent', sentAt: now.toISOString() }, $unset: { lastError: '', claimedUntil: '' } });
    },
    async markRetry(id, error, next) {
      await m.outbox.updateOne({ _id: id }, { $set: { status: 'pending', lastError: error, nextAttemptAt: next.toISOString() }, $unset: { claimedUntil: '' } });
    },
    async defer(id, next) {
      // A pipeline update so "attempts - 1, never below 0" is one atomic write (mongoose 9 asks for updatePipeline).
      await m.outbox.updateOne({ _id: id }, [
        { $set: { status: 'pending', nextAttemptAt: next.toISOString(), attempts: { $max: [{ $subtract: ['$attempts', 1] }, 0] } } },
        { $unset: 'claimedUntil' },
      ], { updatePipeline: true });
    },
    async markFailed(id, error, now) {
      await m.outbox.updateOne({ _id: id }, { $set: { status: 'failed', lastError: error, nextAttemptAt: now.toISOString() }, $unset: { sentAt: '' } });
    },
    async get(id) { return toItem(await m.outbox.findById(id).lean<OutboxDoc>()); },
    async depth() { return m.outbox.countDocuments({ status: { $in: ['pending', 'sending'] } }); },
    async listFailed(limit) {
      return (await m.outbox.find({ status: 'failed' }).sort({ _id: -1 }).limit(limit).lean<OutboxDoc[]>()).map((d) => toItem(d)!);
    },
  };
}

export function mongoChatLog(m: MongoModels, seq: MongoSequences): ChatLogRepo {
  return {
    async append(e) {
      await m.chatLog.create({
        _id: await seq.next('chatLog'), platform: e.platform, chatId: e.chatId, from: e.from, text: e.text, at: e.at,
        ...(e.mentions?.length ? { mentions: [...e.mentions] } : {}),
      });
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
      await createOnce(m.audit, sourceKey, async () => m.audit.create({
        _id: await seq.next('audit'), actor: e.actor, action: e.action, subject: e.subject, createdAt: now.toISOString(),
        ...(e.detail !== undefined ? { detail: plain(e.detail) } : {}), ...(sourceKey !== undefined ? { sourceKey } : {}),
      }));
    },
    async list(limit) { return (await m.audit.find().sort({ _id: -1 }).limit(limit).lean<AuditDoc[]>()).map((d) => fromDoc(d)!); },
  };
}

export function mongoLeases(m: MongoModels): LeaseRepo {
  return {
    /**
     * An atomic conditional upsert: the filter matches only a lease this owner holds or one that expired. When
     * another owner holds it, the filter misses, the upsert tries to insert a second document with the same `_id`
     * and the unique `_id` index refuses it (E11000) — that refusal is "no".
     */
    async acquire(name, owner, now, ttlMs) {
      const filter = { _id: name, $or: [{ owner }, { expiresAt: { $lte: now.toISOString() } }] };
      try {
        await m.leases.updateOne(filter, { $set: { owner, expiresAt: new Date(now.getTime() + ttlMs).toISOString() } }, { upsert: true });
        return true;
      } catch (err) {
        if (isDuplicateKey(err)) return false;
        throw err;
      }
    },
    async release(name, owner) { await m.leases.deleteOne({ _id: name, owner }); },
  };
}
