/**
 * A second, small port beside the Store: every record of every collection as plain data, ids included, so
 * `zhibu migrate` can copy a whole store into another adapter without widening each repo with "insert with this id".
 *
 * A dump record is the domain record (camelCase, ids kept, optional values absent, JSON values parsed), the same on
 * every adapter for the same data — so one checksum per collection proves a copy complete and unchanged.
 */
import { createHash } from 'node:crypto';

export type DumpRecord = Record<string, unknown>;

export interface StoreDump {
  /** Collections this adapter holds, in an order where referenced records come first (branches before members). */
  readonly collections: readonly string[];
  count(collection: string): Promise<number>;
  /** Every record of the collection, in batches. */
  read(collection: string, batchSize?: number): AsyncIterable<DumpRecord[]>;
  /**
   * Writes records with their ids: a record whose key exists is replaced, so importing twice changes nothing.
   * Append-only collections (the ledger) only ever insert missing records.
   */
  write(collection: string, records: DumpRecord[]): Promise<void>;
  /** After an import: moves id sequences past the copied ids, so new records never reuse one. */
  finish(): Promise<void>;
  /** The content hashes of every stored blob (proof media). */
  blobHashes(): AsyncIterable<string>;
}

/**
 * Collections every adapter dumps, in reference order. Leases, nonces, binding codes and dashboard sessions are left
 * out: they are short-lived secrets or marks of one deployment and expire. So are review dialogue drafts: they lapse
 * after half an hour, and until the vote they hold a member beside their choices, which a copy must not spread.
 * Review answer links are not stored at all (signed tokens; the voter marks spend them), so there is nothing to copy.
 */
export const DUMP_COLLECTIONS = [
  'branches',
  'members',
  'identities',
  'chats',
  'roleGrants',
  'checkIns',
  'tasks',
  'submissions',
  'ledger',
  'inbox',
  'outbox',
  'chatLog',
  'audit',
  'pendingMedia',
  'counters',
  'taskBank',
  'pushSchedules',
  'jobRuns',
  'jobMarks',
  'helpCases',
  'helpCaseEvents',
  'pendingCheckIns',
  'meetings',
  'meetingAttendance',
  'contacts',
  'homecomings',
  'certificates',
  'opinions',
  'opinionSenders',
  'opinionEvents',
  'proofChecks',
  'serviceItems',
  'serviceClaims',
  'reviews',
  'reviewVoters',
  'reviewCounts',
  'imageHashes',
] as const;

/** Drops null and undefined values at every depth and sorts keys: the form checksums are taken over. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== null && v !== undefined) out[key] = canonical(v);
  }
  return out;
}

/**
 * An order-independent checksum of a collection: the SHA-256 of the sorted per-record hashes. Adapters need not
 * agree on an iteration order, only on the records.
 */
export async function checksumOf(dump: StoreDump, collection: string): Promise<{ count: number; sha256: string }> {
  const hashes: string[] = [];
  for await (const batch of dump.read(collection)) {
    for (const record of batch)
      hashes.push(
        createHash('sha256')
          .update(JSON.stringify(canonical(record)))
          .digest('hex'),
      );
  }
  hashes.sort();
  const sha256 = createHash('sha256');
  for (const h of hashes) sha256.update(h);
  return { count: hashes.length, sha256: sha256.digest('hex') };
}
