/**
 * Collections, schemas and indexes of the MongoDB adapter — the counterpart of src/store/sqlite/migrations.
 * Every unique key the SQLite schema enforces is a unique index here; every query the repos run has an index.
 */
import type { Connection, Model, Schema } from 'mongoose';
import type {
  AuditDoc,
  BranchDoc,
  ChatLogDoc,
  CheckInDoc,
  SequenceDoc,
  InboxDoc,
  LeaseDoc,
  LedgerDoc,
  MemberDoc,
  OutboxDoc,
  PendingMediaDoc,
  RoleGrantDoc,
  SubmissionDoc,
  TaskDoc,
} from './mongo-docs';
import type { Chat, Identity } from '../../model';
import { counterSchemas } from './mongo-counters';
import { helpCaseSchemas } from './mongo-help-cases';
import { identityProofSchemas } from './mongo-identity-proofs';
import { jobsSchemas } from './mongo-jobs';
import { ledgerTotalSchemas } from './mongo-ledger-totals';
import { serviceSchemas } from './mongo-service';
import { nonceSchemas } from './mongo-nonces';
import { meetingSchemas } from './mongo-meetings';
import { contactSchemas } from './mongo-contacts';
import { opinionSchemas } from './mongo-opinions';
import { imageHashSchemas } from './mongo-image-hashes';
import { proofCheckSchemas } from './mongo-proof-checks';
import { reviewSchemas } from './mongo-reviews';
import { Mixed, appendOnly, mediaSchema, num, optStr, schema, str } from './mongo-schema';
import { SOURCE_KEY_INDEX } from './mongo-util';

const schemas = {
  sequences: schema<SequenceDoc>('sequences', { _id: String, seq: num }),
  branches: schema<BranchDoc>('branches', { _id: Number, name: str, kind: str, township: optStr, createdAt: str }, [
    [{ name: 1 }, { unique: true }],
  ]),
  members: schema<MemberDoc>(
    'members',
    {
      _id: Number,
      name: str,
      gender: optStr,
      birthMonth: optStr,
      education: optStr,
      phone: optStr,
      joinedPartyMonth: optStr,
      occupation: optStr,
      employer: optStr,
      departureMonth: optStr,
      destProvince: optStr,
      destCity: optStr,
      familyNote: optStr,
      certificateStatus: { type: String, required: true, default: 'none' },
      status: { type: String, required: true, default: 'active' },
      homeBranchId: Number,
      hostBranchId: Number,
      lastSeenAt: optStr,
      createdAt: str,
      updatedAt: str,
      sourceKey: optStr,
    },
    [[{ homeBranchId: 1 }], [{ hostBranchId: 1 }], [{ name: 1 }], SOURCE_KEY_INDEX],
  ),
  identities: schema<Identity>('identities', { platform: str, userId: str, memberId: num, displayName: optStr }, [
    [{ platform: 1, userId: 1 }, { unique: true }],
    [{ memberId: 1 }],
  ]),
  chats: schema<Chat>(
    'chats',
    { platform: str, chatId: str, chatType: str, title: optStr, branchId: Number, push: Mixed, createdAt: str },
    [[{ platform: 1, chatId: 1 }, { unique: true }], [{ branchId: 1, createdAt: 1 }]],
  ),
  roleGrants: schema<RoleGrantDoc>(
    'role_grants',
    {
      _id: Number,
      role: str,
      memberId: num,
      branchId: { type: Number, default: null },
      grantedBy: str,
      createdAt: str,
    },
    // branchId null (admin) is indexed as a value, so one admin grant per member, like SQLite's IFNULL(branch_id, 0).
    [[{ role: 1, memberId: 1, branchId: 1 }, { unique: true }], [{ memberId: 1 }], [{ branchId: 1, role: 1 }]],
  ),
  checkIns: schema<CheckInDoc>(
    'check_ins',
    { _id: Number, memberId: num, branchId: num, identity: str, createdAt: str, sourceKey: optStr },
    [[{ memberId: 1 }], SOURCE_KEY_INDEX],
  ),
  tasks: schema<TaskDoc>(
    'tasks',
    {
      _id: Number,
      branchId: num,
      title: str,
      content: str,
      deadline: str,
      points: num,
      proofKinds: [String],
      minChars: num,
      lateRule: str,
      createdBy: str,
      createdAt: str,
      sourceKey: optStr,
      withdrawnAt: optStr,
      withdrawReason: optStr,
      screenshotProof: Boolean,
      proofKeywords: { type: [String], default: undefined },
    },
    [[{ branchId: 1, deadline: 1 }], SOURCE_KEY_INDEX],
  ),
  submissions: schema<SubmissionDoc>(
    'submissions',
    {
      _id: Number,
      taskId: num,
      memberId: num,
      note: { type: String, default: '' },
      links: [String],
      media: [mediaSchema],
      late: { type: Boolean, required: true },
      status: str,
      reviewNote: optStr,
      sourceKey: str,
      createdAt: str,
      updatedAt: str,
    },
    [[{ taskId: 1, memberId: 1 }, { unique: true }], [{ 'media.sha256': 1 }]],
  ),
  ledger: appendOnly(
    schema<LedgerDoc>(
      'ledger',
      {
        _id: Number,
        memberId: num,
        delta: num,
        reason: str,
        kind: str,
        taskId: Number,
        submissionId: Number,
        branchId: Number,
        actor: str,
        idemKey: str,
        createdAt: str,
        category: optStr,
      },
      [
        [{ idemKey: 1 }, { unique: true }],
        [{ memberId: 1, createdAt: 1 }],
        [{ createdAt: 1 }],
        [{ submissionId: 1 }],
        [{ branchId: 1, memberId: 1, createdAt: 1 }],
      ],
    ),
    'the ledger',
  ),
  inbox: schema<InboxDoc>(
    'inbox',
    {
      _id: String,
      message: Mixed,
      status: { type: String, required: true, default: 'received' },
      error: optStr,
      receivedAt: str,
      processedAt: optStr,
    },
    [[{ status: 1, receivedAt: 1 }]],
  ),
  outbox: schema<OutboxDoc>(
    'outbox',
    {
      _id: Number,
      target: { platform: str, chatId: str, chatType: str },
      text: str,
      mentions: { type: [String], default: undefined },
      replyHint: Mixed,
      idemKey: optStr,
      status: str,
      attempts: num,
      nextAttemptAt: str,
      claimedBy: optStr,
      claimedUntil: optStr,
      lastError: optStr,
      createdAt: str,
      sentAt: optStr,
    },
    [
      [{ idemKey: 1 }, { unique: true, partialFilterExpression: { idemKey: { $type: 'string' } } }],
      [{ status: 1, nextAttemptAt: 1 }],
      [{ status: 1, claimedUntil: 1 }],
      [{ status: 1, sentAt: 1 }],
    ],
  ),
  chatLog: schema<ChatLogDoc>(
    'chat_log',
    {
      _id: Number,
      platform: str,
      chatId: str,
      from: str,
      text: str,
      mentions: { type: [String], default: undefined },
      at: str,
    },
    [[{ platform: 1, chatId: 1, _id: 1 }]],
  ),
  audit: schema<AuditDoc>(
    'audit_log',
    { _id: Number, actor: str, action: str, subject: str, detail: Mixed, createdAt: str, sourceKey: optStr },
    [SOURCE_KEY_INDEX],
  ),
  pending: schema<PendingMediaDoc>('pending_media', { _id: String, media: [mediaSchema], expiresAt: str }),
  leases: schema<LeaseDoc>('leases', { _id: String, owner: str, expiresAt: str }),
  ...counterSchemas,
  ...jobsSchemas,
  ...helpCaseSchemas,
  ...identityProofSchemas,
  ...nonceSchemas,
  ...contactSchemas,
  ...imageHashSchemas,
  ...proofCheckSchemas,
  ...ledgerTotalSchemas,
  ...meetingSchemas,
  ...opinionSchemas,
  ...reviewSchemas,
  ...serviceSchemas,
};

type Schemas = typeof schemas;
export type MongoModels = { [K in keyof Schemas]: Schemas[K] extends Schema<infer T> ? Model<T> : never };
export type MongoModelName = keyof MongoModels;

/** Compiles every model on this connection; collections and indexes are the migrations' job (mongo-migrations.ts). */
export function mongoModels(conn: Connection): MongoModels {
  return Object.fromEntries(
    Object.entries(schemas).map(([name, s]) => [name, conn.models[name] ?? conn.model(name, s as Schema)]),
  ) as unknown as MongoModels;
}
