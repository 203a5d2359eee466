/**
 * Document shapes of the MongoDB adapter. A document is the domain record with its numeric `id` stored as `_id`,
 * so the adapter maps records with two small helpers instead of field lists. Times stay ISO strings (UTC, fixed
 * width), exactly as the SQLite adapter keeps them: range queries compare the same way on both adapters and
 * `zhibu migrate` copies values byte for byte, which is what its checksums verify.
 */
import type { IncomingMessage } from '../../bot/incoming-message';
import type {
  AuditEntry,
  Branch,
  ChatLogEntry,
  CheckIn,
  LedgerEntry,
  Member,
  RoleGrant,
  Submission,
  SubmissionMedia,
  Task,
} from '../../model';
import type { OutboxItem } from '../../outbox/outbox-types';
import type { InboxStatus } from '../store';

/** A record with a numeric id, stored under `_id`. */
export type NumberedDoc<T extends { id: number }> = Omit<T, 'id'> & { _id: number };

export type BranchDoc = NumberedDoc<Branch>;
export type MemberDoc = NumberedDoc<Member>;
export type RoleGrantDoc = NumberedDoc<RoleGrant>;
export type CheckInDoc = NumberedDoc<CheckIn>;
export type TaskDoc = NumberedDoc<Task>;
export type SubmissionDoc = NumberedDoc<Submission>;
export type LedgerDoc = NumberedDoc<LedgerEntry>;
export type ChatLogDoc = NumberedDoc<ChatLogEntry>;
export type AuditDoc = NumberedDoc<AuditEntry>;
/** `claimedBy`/`claimedUntil` are the outbox lease; they never leave the adapter. */
export type OutboxDoc = NumberedDoc<OutboxItem> & { claimedBy?: string; claimedUntil?: string };

export interface InboxDoc {
  _id: string;
  message: IncomingMessage;
  status: InboxStatus;
  error?: string;
  receivedAt: string;
  processedAt?: string;
}

export interface PendingMediaDoc {
  _id: string;
  media: SubmissionMedia[];
  expiresAt: string;
}

export interface LeaseDoc {
  _id: string;
  owner: string;
  expiresAt: string;
}

/** One sequence per numbered collection (task codes #n and submission S<n> are shown to users). */
export interface SequenceDoc {
  _id: string;
  seq: number;
}

type Plain = Record<string, unknown>;

/** Drops null/undefined values (absent optional fields stay undefined, as in the SQLite adapter). */
export function compact<T>(value: Plain): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as T;
}

/** Document → record: `_id` becomes `id`; null fields dropped. */
export function fromDoc<D extends { _id: number }>(
  doc: D | null | undefined,
): (Omit<D, '_id'> & { id: number }) | undefined {
  if (!doc) return undefined;
  const { _id, ...rest } = doc as unknown as Plain & { _id: number };
  return { id: _id, ...compact<Omit<D, '_id'>>(rest) };
}

/** Documents whose key is natural (identities, chats): the generated `_id` is dropped. */
export function fromKeyedDoc<T>(doc: (T & { _id?: unknown }) | null | undefined): T | undefined {
  if (!doc) return undefined;
  const { _id, ...rest } = doc as unknown as Plain;
  return compact<T>(rest);
}

/**
 * JSON-safe copy for free-form values (messages, hints, audit details): the BSON serializer would turn `undefined`
 * into `null`, which would not round-trip.
 */
export function plain<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
