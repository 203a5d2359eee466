import type { NonceRepo } from '../nonce-repo';
import type { MongoModels } from './mongo-models';
import { schema, str } from './mongo-schema';
import { isDuplicateOn } from './mongo-util';

/** A claimed single-use value; `_id` is its key. */
export interface NonceDoc {
  _id: string;
  fingerprint: string;
  expiresAt: string;
}

export const nonceSchemas = {
  nonces: schema<NonceDoc>('nonces', { _id: String, fingerprint: str, expiresAt: str }, [[{ expiresAt: 1 }]]),
};

export function mongoNonces(m: MongoModels): NonceRepo {
  return {
    /**
     * The lease pattern: the filter matches only an expired claim or one with the same fingerprint; otherwise the
     * upsert tries a second document with the same `_id` and the unique index refuses it (E11000) — that is "no".
     */
    async claim(key, fingerprint, expiresAt, now) {
      const nowIso = now.toISOString();
      await m.nonces.deleteMany({ expiresAt: { $lte: nowIso } });
      try {
        await m.nonces.updateOne(
          { _id: key, $or: [{ fingerprint }, { expiresAt: { $lte: nowIso } }] },
          { $set: { fingerprint, expiresAt: expiresAt.toISOString() } },
          { upsert: true },
        );
        return true;
      } catch (err) {
        if (isDuplicateOn(err, '_id')) return false;
        throw err;
      }
    },
  };
}
