import path from 'node:path';
import { prepareDataDir } from '../data-dir';
import { fsBlobs } from '../fs-blobs';
import type { Store } from '../store';
import { InboxGroupCommit } from './inbox-group-commit';
import { openSqlite } from './open-sqlite';
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

/** The embedded store: one SQLite file (`<dataDir>/zhibu.db`, WAL) plus media files under `<dataDir>/media`. */
export function sqliteStore(
  dataDir: string,
  file = path.join(dataDir, 'zhibu.db'),
): Store & { db: ReturnType<typeof openSqlite> } {
  prepareDataDir(dataDir);
  const db = openSqlite(file);
  const inboxWriter = new InboxGroupCommit(db);
  return {
    kind: 'sqlite',
    db,
    branches: sqliteBranches(db),
    members: sqliteMembers(db),
    identities: sqliteIdentities(db),
    chats: sqliteChats(db),
    roles: sqliteRoles(db),
    tasks: sqliteTasks(db),
    submissions: sqliteSubmissions(db),
    ledger: sqliteLedger(db),
    checkIns: sqliteCheckIns(db),
    inbox: sqliteInbox(db, inboxWriter),
    outbox: sqliteOutbox(db),
    chatLog: sqliteChatLog(db),
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
    // Inserts still waiting for their group commit are committed (and their callers settled) before the file closes.
    async close() {
      inboxWriter.flush();
      db.close();
    },
  };
}
