import type Database from 'better-sqlite3';
import type { Db } from './open-sqlite';

interface PendingInsert {
  key: string;
  message: string;
  receivedAt: string;
  resolve(fresh: boolean): void;
  reject(err: unknown): void;
}

/** A burst larger than this is committed in several transactions, so one commit never holds the loop for long. */
const MAX_BATCH = 256;

/**
 * Group commit for inbox inserts. Each commit of its own costs a WAL write and a lock round trip, more than the
 * insert itself; callbacks whose bodies were read in the same event-loop turn are inserted in one transaction,
 * committed in the next check phase, and only then is each caller's promise settled, so no platform is acknowledged
 * before its row is durable. The same key twice in one batch stays a duplicate (the second insert conflicts with the
 * first inside the transaction). When the batch fails, each row is tried again in its own transaction, so one bad
 * row rejects only its own caller.
 */
export class InboxGroupCommit {
  private queue: PendingInsert[] = [];
  private scheduled = false;
  private readonly insert: Database.Statement;
  private readonly commitBatch: (rows: PendingInsert[]) => boolean[];

  constructor(
    db: Db,
    private readonly maxBatch = MAX_BATCH,
  ) {
    this.insert = db.prepare(
      'INSERT INTO inbox (key, message, received_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING',
    );
    const batch = db.transaction((rows: PendingInsert[]) => rows.map((row) => this.insertOne(row)));
    this.commitBatch = (rows) => batch.immediate(rows);
  }

  /** Resolves after the commit that holds the row: true for a new key, false for a key seen before. */
  accept(key: string, message: string, receivedAt: string): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ key, message, receivedAt, resolve, reject });
      if (this.queue.length >= this.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.flush();
        });
      }
    });
  }

  /** Commits what is queued now (the store calls this before closing the database). */
  flush(): void {
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    let results: boolean[];
    try {
      results = this.commitBatch(batch);
    } catch {
      this.oneByOne(batch);
      return;
    }
    batch.forEach((row, i) => row.resolve(results[i]));
  }

  private oneByOne(batch: PendingInsert[]): void {
    for (const row of batch) {
      try {
        row.resolve(this.insertOne(row));
      } catch (err) {
        row.reject(err);
      }
    }
  }

  private insertOne(row: PendingInsert): boolean {
    return this.insert.run(row.key, row.message, row.receivedAt).changes === 1;
  }
}
