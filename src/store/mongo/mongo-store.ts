import mongoose, { type Connection } from 'mongoose';
import { ZhibuError } from '../../core/errors';
import type { Store } from '../store';
import { ensureBlobIndexes, mongoBlobs } from './mongo-blobs';
import { mongoCounters } from './mongo-counters';
import { mongoHelpCases } from './mongo-help-cases';
import { mongoJobs } from './mongo-jobs';
import { mongoAudit, mongoChatLog, mongoInbox, mongoLeases, mongoOutbox } from './mongo-messaging';
import { mongoModels, type MongoModels } from './mongo-models';
import { mongoNonces } from './mongo-nonces';
import { mongoBranches, mongoChats, mongoCheckIns, mongoIdentities, mongoMembers, mongoRoles } from './mongo-people';
import { backfillLedgerBranches } from './mongo-ledger-branches';
import { mongoLedger, mongoPending, mongoSubmissions, mongoTasks } from './mongo-tasks';
import { mongoSequences, redactUri, type MongoSequences } from './mongo-util';

export interface MongoStore extends Store {
  readonly kind: 'mongodb';
  conn: Connection;
  models: MongoModels;
  sequences: MongoSequences;
}

export interface MongoStoreOptions {
  /** Overrides the database named in the URI (tests use a fresh database each). */
  dbName?: string;
  serverSelectionTimeoutMS?: number;
}

/**
 * The MongoDB store (MONGODB_URI), for deployments that outgrow one machine. Its own connection (not mongoose's
 * global one), collections and indexes created before first use, proof media in GridFS.
 */
export async function mongoStore(uri: string, options: MongoStoreOptions = {}): Promise<MongoStore> {
  const conn = mongoose.createConnection(uri, {
    dbName: options.dbName, autoIndex: false, autoCreate: false, serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
  });
  try {
    await conn.asPromise();
  } catch (cause) {
    await conn.close().catch(() => undefined);
    throw new ZhibuError('CONFIG_INVALID', `cannot reach MongoDB at ${redactUri(uri)}`, {
      fix: 'check MONGODB_URI (host, port, user, password, replicaSet) and that mongod is running; unset it to use SQLite', cause,
    });
  }
  const models = await mongoModels(conn);
  await backfillLedgerBranches(models);
  await ensureBlobIndexes(conn);
  const seq = mongoSequences(models.sequences);
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
    ledger: mongoLedger(models, seq),
    checkIns: mongoCheckIns(models, seq),
    inbox: mongoInbox(models),
    outbox: mongoOutbox(models, seq),
    chatLog: mongoChatLog(models, seq),
    audit: mongoAudit(models, seq),
    pending: mongoPending(models),
    leases: mongoLeases(models),
    blobs: mongoBlobs(conn),
    counters: mongoCounters(models),
    jobs: mongoJobs(models, seq),
    helpCases: mongoHelpCases(models, seq),
    nonces: mongoNonces(models),
    async close() { await conn.close(); },
  };
}
