import mongoose, { type Connection } from 'mongoose';
import { ZhibuError } from '../../errors';
import type { Store } from '../store';
import { ensureBlobIndexes, mongoBlobs } from './mongo-blobs';
import { mongoCounters } from './mongo-counters';
import { mongoHelpCases } from './mongo-help-cases';
import { mongoService } from './mongo-service';
import { mongoIdentityProofs, mongoSessions } from './mongo-identity-proofs';
import { mongoJobs } from './mongo-jobs';
import { mongoAudit, mongoChatLog, mongoInbox, mongoLeases, mongoOutbox } from './mongo-messaging';
import { mongoModels, type MongoModels } from './mongo-models';
import { mongoNonces } from './mongo-nonces';
import { mongoMeetings } from './mongo-meetings';
import { mongoCertificates, mongoContacts } from './mongo-contacts';
import { mongoOpinions } from './mongo-opinions';
import { mongoImageHashes } from './mongo-image-hashes';
import { mongoProofChecks } from './mongo-proof-checks';
import { mongoReviews } from './mongo-reviews';
import { mongoBranches, mongoChats, mongoCheckIns, mongoIdentities, mongoMembers, mongoRoles } from './mongo-people';
import { migrateMongo } from './mongo-migrations';
import { mongoSequences, type MongoSequences } from './mongo-sequences';
import { serverTime } from './mongo-server-time';
import { mongoLedger } from './mongo-ledger';
import { mongoPending, mongoSubmissions, mongoTasks } from './mongo-tasks';
import { redactUri } from './mongo-util';

export interface MongoStore extends Store {
  readonly kind: 'mongodb';
  conn: Connection;
  models: MongoModels;
  sequences: MongoSequences;
}

export interface MongoStoreOptions {
  /** Overrides the database named in the URI (tests use a fresh database each). */
  dbName?: string;
  /** Tests shorten it; the driver's default (30 s) outlasts a replica-set election (up to ~12 s). */
  serverSelectionTimeoutMS?: number;
  /** This machine's clock (tests give instances skewed clocks); leases and claims run on the server's clock. */
  clock?: () => Date;
}

/**
 * Options that ride out a failover: the driver retries a write or read once after a primary steps down, and the
 * retry gets a full server-selection window to find the new primary. Set here so a URI cannot turn them off.
 */
export const FAILOVER_OPTIONS = { retryWrites: true, retryReads: true, serverSelectionTimeoutMS: 30_000 } as const;

/**
 * The MongoDB store (MONGODB_URI), for deployments that outgrow one machine. Its own connection (not mongoose's
 * global one), collections and indexes created before first use, proof media in GridFS.
 */
export async function mongoStore(uri: string, options: MongoStoreOptions = {}): Promise<MongoStore> {
  const conn = mongoose.createConnection(uri, {
    ...FAILOVER_OPTIONS,
    dbName: options.dbName,
    autoIndex: false,
    autoCreate: false,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? FAILOVER_OPTIONS.serverSelectionTimeoutMS,
  });
  try {
    await conn.asPromise();
  } catch (cause) {
    await conn.close().catch(() => undefined);
    throw new ZhibuError('CONFIG_INVALID', `cannot reach MongoDB at ${redactUri(uri)}`, {
      fix: 'check MONGODB_URI (host, port, user, password, replicaSet) and that mongod is running; unset it to use SQLite',
      cause,
    });
  }
  const clock = options.clock ?? (() => new Date());
  const models = mongoModels(conn);
  await migrateMongo(conn, models, clock());
  await ensureBlobIndexes(conn);
  const seq = mongoSequences(models);
  await seq.repairAll();
  const at = serverTime(clock);
  return {
    kind: 'mongodb',
    conn,
    models,
    sequences: seq,
    branches: mongoBranches(models, seq),
    members: mongoMembers(models, seq),
    identities: mongoIdentities(models),
    chats: mongoChats(models),
    roles: mongoRoles(models, seq),
    tasks: mongoTasks(models, seq),
    submissions: mongoSubmissions(models, seq),
    ledger: mongoLedger(models, seq, { tasks: mongoTasks(models, seq), submissions: mongoSubmissions(models, seq) }),
    checkIns: mongoCheckIns(models, seq),
    inbox: mongoInbox(models),
    outbox: mongoOutbox(models, seq, at),
    chatLog: mongoChatLog(models, seq),
    audit: mongoAudit(models, seq),
    pending: mongoPending(models),
    leases: mongoLeases(models, at),
    blobs: mongoBlobs(conn),
    counters: mongoCounters(models),
    jobs: mongoJobs(models, seq),
    helpCases: mongoHelpCases(models, seq),
    service: mongoService(models, seq),
    identityProofs: mongoIdentityProofs(models, seq),
    sessions: mongoSessions(models),
    nonces: mongoNonces(models),
    meetings: mongoMeetings(models, seq),
    contacts: mongoContacts(models, seq),
    certificates: mongoCertificates(models, seq),
    opinions: mongoOpinions(models, seq),
    imageHashes: mongoImageHashes(models, seq),
    proofChecks: mongoProofChecks(models),
    reviews: mongoReviews(models, seq),
    async close() {
      await conn.close();
    },
  };
}
