import path from 'node:path';
import { prepareDataDir } from '../data-dir';
import { fsBlobs } from '../fs-blobs';
import type { Store } from '../store';
import { GroupCommit } from './group-commit';
import { InboxGroupCommit } from './inbox-group-commit';
import { openSqlite } from './open-sqlite';
import { WalCheckpointer } from './wal-checkpointer';
import {
  sqliteBranches,
  sqliteChats,
  sqliteCheckIns,
  sqliteIdentities,
  sqliteMembers,
  sqliteRoles,
} from './sqlite-people';
import { sqliteAudit, sqliteChatLog, sqliteInbox, sqliteLeases, sqliteOutbox } from './sqlite-messaging';
import { sqliteLedger } from './sqlite-ledger';
import { sqlitePending, sqliteSubmissions, sqliteTasks } from './sqlite-tasks';
import { sqliteCounters } from './sqlite-counters';
import { sqliteJobs } from './sqlite-jobs';
import { sqliteHelpCases } from './sqlite-help-cases';
import { sqliteService } from './sqlite-service';
import { sqliteIdentityProofs, sqliteSessions } from './sqlite-identity-proofs';
import { sqliteNonces } from './sqlite-nonces';
import { sqliteMeetings } from './sqlite-meetings';
import { sqliteCertificates, sqliteContacts } from './sqlite-contacts';
import { sqliteOpinions } from './sqlite-opinions';
import { sqliteImageHashes } from './sqlite-image-hashes';
import { sqliteProofChecks } from './sqlite-proof-checks';
import { sqliteReviews } from './sqlite-reviews';

/** The embedded store: one SQLite file (`<dataDir>/zhibu.db`, WAL) plus media files under `<dataDir>/media`. */
export function sqliteStore(
  dataDir: string,
  file = path.join(dataDir, 'zhibu.db'),
): Store & { db: ReturnType<typeof openSqlite> } {
  prepareDataDir(dataDir);
  const db = openSqlite(file);
  // One group commit for the small writes every message makes, so they share transactions (group-commit.ts).
  const commit = new GroupCommit(db);
  const inboxWriter = new InboxGroupCommit(db, commit);
  const checkpointer = file === ':memory:' ? undefined : new WalCheckpointer(db, file);
  return {
    kind: 'sqlite',
    db,
    branches: sqliteBranches(db),
    members: sqliteMembers(db, commit),
    identities: sqliteIdentities(db),
    chats: sqliteChats(db, commit),
    roles: sqliteRoles(db),
    tasks: sqliteTasks(db),
    submissions: sqliteSubmissions(db, commit),
    ledger: sqliteLedger(db, commit),
    checkIns: sqliteCheckIns(db),
    inbox: sqliteInbox(db, inboxWriter),
    outbox: sqliteOutbox(db, commit),
    chatLog: sqliteChatLog(db, commit),
    audit: sqliteAudit(db),
    pending: sqlitePending(db),
    leases: sqliteLeases(db),
    blobs: fsBlobs(path.join(dataDir, 'media')),
    counters: sqliteCounters(db),
    jobs: sqliteJobs(db),
    helpCases: sqliteHelpCases(db),
    service: sqliteService(db),
    identityProofs: sqliteIdentityProofs(db),
    sessions: sqliteSessions(db),
    nonces: sqliteNonces(db),
    meetings: sqliteMeetings(db),
    contacts: sqliteContacts(db),
    certificates: sqliteCertificates(db),
    opinions: sqliteOpinions(db),
    imageHashes: sqliteImageHashes(db),
    proofChecks: sqliteProofChecks(db, commit),
    reviews: sqliteReviews(db),
    // Inserts still waiting for their group commit are committed (and their callers settled) before the file closes.
    async close() {
      await checkpointer?.close();
      commit.flush();
      db.close();
    },
  };
}
