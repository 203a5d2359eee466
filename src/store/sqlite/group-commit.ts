import type { Db } from './open-sqlite';

interface PendingWrite {
  write(): unknown;
  resolve(result: unknown): void;
  reject(err: unknown): void;
}

/** A burst larger than this is committed in several transactions, so one commit never holds the loop for long. */
const MAX_BATCH = 256;

/**
 * Group commit for the small writes every message makes (the inbox row, the transcript line, the outbox row and its
 * "sent" mark, the "done" mark). A commit of its own costs a WAL write and a lock round trip, more than the write
 * itself; writes queued in the same event-loop turn run in one transaction, committed in the next check phase, and
 * only then is each caller's promise settled, so a caller that awaits its write still knows it is durable (no
 * platform is acknowledged before its inbox row is committed). When the batch fails, each write is tried again in its
 * own transaction, so one bad write rejects only its own caller.
 */
export class GroupCommit {
  private queue: PendingWrite[] = [];
  private scheduled = false;
  private readonly commitBatch: (writes: PendingWrite[]) => unknown[];
  private readonly commitOne: (write: PendingWrite) => unknown;

  constructor(
    db: Db,
    private readonly maxBatch = MAX_BATCH,
  ) {
    const batch = db.transaction((writes: PendingWrite[]) => writes.map((w) => w.write()));
    const one = db.transaction((w: PendingWrite) => w.write());
    this.commitBatch = (writes) => batch.immediate(writes);
    this.commitOne = (w) => one.immediate(w);
  }

  /** Runs `write` (synchronous SQLite statements) in the next group transaction; resolves after its commit. */
  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve: resolve as (r: unknown) => void, reject });
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

  /** Commits what is queued now (before a read that must see it, and before the database closes). */
  flush(): void {
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    let results: unknown[];
    try {
      results = this.commitBatch(batch);
    } catch {
      this.oneByOne(batch);
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i]));
  }

  private oneByOne(batch: PendingWrite[]): void {
    for (const w of batch) {
      try {
        w.resolve(this.commitOne(w));
      } catch (err) {
        w.reject(err);
      }
    }
  }
}
