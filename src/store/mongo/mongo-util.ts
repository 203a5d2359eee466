import type { Model } from 'mongoose';
import type { IndexSpec } from './mongo-schema';

/**
 * Creates what a handler makes for one incoming message once: with a `sourceKey` (the message's dedupe key) that
 * made a document before, returns that document instead. Looking first keeps the shown sequence numbers free of
 * gaps; a concurrent twin loses on the unique sourceKey index and gets the winner's document.
 */
export async function createOnce<D>(
  model: Model<D>,
  sourceKey: string | undefined,
  create: () => Promise<D>,
): Promise<D> {
  if (sourceKey === undefined) return create();
  const existing = await model.findOne({ sourceKey: { $eq: sourceKey, $type: 'string' } }).lean<D>();
  if (existing) return existing;
  try {
    return await create();
  } catch (err) {
    const winner = isDuplicateOn(err, 'sourceKey')
      ? await model.findOne({ sourceKey: { $eq: sourceKey, $type: 'string' } }).lean<D>()
      : null;
    if (!winner) throw err;
    return winner;
  }
}

/** Unique where set: documents made by jobs, imports or the dashboard carry no source key. */
export const SOURCE_KEY_INDEX: IndexSpec = [
  { sourceKey: 1 },
  { unique: true, partialFilterExpression: { sourceKey: { $type: 'string' } } },
];

/** E11000 (a unique index refused the write) and the index that refused it. */
export interface DuplicateKey {
  keyPattern: Record<string, unknown>;
}

/**
 * Reads an E11000 precisely: which unique index refused the write. The server names it in `keyPattern`; an older
 * server only in the message ("index: idemKey_1 dup key"), from which the pattern is rebuilt.
 */
export function duplicateKeyOf(err: unknown): DuplicateKey | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as {
    code?: unknown;
    keyPattern?: Record<string, unknown>;
    errmsg?: string;
    message?: string;
    writeErrors?: unknown[];
  };
  if (e.code !== 11000) {
    const first =
      Array.isArray(e.writeErrors) && e.writeErrors.length === 1 ? (e.writeErrors[0] as { err?: unknown }) : undefined;
    return first ? duplicateKeyOf(first.err ?? first) : undefined;
  }
  if (e.keyPattern && Object.keys(e.keyPattern).length) return { keyPattern: e.keyPattern };
  const name = /index: (\S+) dup key/.exec(e.errmsg ?? e.message ?? '')?.[1];
  if (!name) return { keyPattern: {} };
  if (name === '_id_') return { keyPattern: { _id: 1 } };
  const parts = name.split('_');
  const pattern: Record<string, unknown> = {};
  for (let i = 0; i + 1 < parts.length; i += 2) pattern[parts[i]] = Number(parts[i + 1]);
  return { keyPattern: pattern };
}

/** True when a unique index on exactly these fields refused the write. */
export function isDuplicateOn(err: unknown, ...fields: string[]): boolean {
  const dup = duplicateKeyOf(err);
  if (!dup) return false;
  const keys = Object.keys(dup.keyPattern);
  return keys.length === fields.length && fields.every((f) => keys.includes(f));
}

/** Builds `$set`/`$unset` from a partial record: undefined leaves a field alone, null removes it. */
export function setUnset(fields: Record<string, unknown>): {
  $set: Record<string, unknown>;
  $unset?: Record<string, ''>;
} {
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, ''> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    if (v === null) $unset[k] = '';
    else $set[k] = v;
  }
  return Object.keys($unset).length ? { $set, $unset } : { $set };
}

/** `user:password@` never reaches a log line or an error message. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
