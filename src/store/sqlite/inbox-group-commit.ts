import type Database from 'better-sqlite3';
import { GroupCommit } from './group-commit';
import type { Db } from './open-sqlite';

/**
 * Inbox inserts through the store's group commit: callbacks whose bodies were read in the same event-loop turn are
 * inserted in one transaction, and each caller learns whether its key was new only once that transaction is
 * committed. The same key twice in one batch stays a duplicate (the second insert conflicts with the first inside
 * the transaction).
 */
export class InboxGroupCommit {
  readonly commit: GroupCommit;
  private readonly insert: Database.Statement;

  /** `commit` is the store's shared group commit, or the batch cap of a new one. */
  constructor(db: Db, commit: GroupCommit | number = new GroupCommit(db)) {
    this.commit = typeof commit === 'number' ? new GroupCommit(db, commit) : commit;
    this.insert = db.prepare(
      'INSERT INTO inbox (key, message, received_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING',
    );
  }

  /** Resolves after the commit that holds the row: true for a new key, false for a key seen before. */
  accept(key: string, message: string, receivedAt: string): Promise<boolean> {
    return this.commit.run(() => this.insert.run(key, message, receivedAt).changes === 1);
  }

  /** Commits what is queued now (the store calls this before closing the database). */
  flush(): void {
    this.commit.flush();
  }
}
