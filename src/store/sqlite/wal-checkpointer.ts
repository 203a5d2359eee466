import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Db } from './open-sqlite';

/** What `PRAGMA wal_checkpoint(PASSIVE)` reports: frames in the WAL and how many of them are now in the database. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

export interface WalCheckpointerOptions {
  /** How often the thread checkpoints once started; 0: only when asked (tests). */
  everyMs?: number;
  /** The WAL size at which the thread starts: a quiet database (a test, an idle bot) never pays for the thread. */
  startBytes?: number;
  /** SQLite's own checkpoint mark while the thread runs: a thread that falls behind cannot let the WAL grow forever. */
  fallbackPages?: number;
}

/** The mark `openSqlite` sets, restored if the thread fails. */
const IN_COMMIT_PAGES = 4000;

// Plain JavaScript evaluated in the worker (no transform there); a PASSIVE checkpoint never blocks the writer.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  parentPort.postMessage(db.pragma('wal_checkpoint(PASSIVE)')[0]);
});
`;

/**
 * Copies the WAL back into the database file on a thread of its own. SQLite's automatic checkpoint runs inside the
 * commit that crosses its mark — megabytes written and two fsyncs while the event loop waits — and on the ingest
 * path that commit is a batch of inbox inserts whose callbacks are waiting for their acknowledgement. Durability is
 * unchanged: a commit is in the WAL before anyone is told it is done; the checkpoint only moves it to the main file.
 */
export class WalCheckpointer {
  private worker?: Worker;
  private failed = false;
  private readonly waiting: Array<{ resolve(r: CheckpointResult): void; reject(err: unknown): void }> = [];
  private readonly timer?: NodeJS.Timeout;
  private readonly everyMs: number;
  private readonly startBytes: number;
  private readonly fallbackPages: number;

  constructor(
    private readonly db: Db,
    private readonly file: string,
    options: WalCheckpointerOptions = {},
  ) {
    this.everyMs = options.everyMs ?? 500;
    this.startBytes = options.startBytes ?? 4 * 1024 * 1024;
    this.fallbackPages = options.fallbackPages ?? 10 * IN_COMMIT_PAGES;
    if (this.everyMs > 0) {
      this.timer = setInterval(() => this.tick(), this.everyMs);
      this.timer.unref();
    }
  }

  get running(): boolean {
    return this.worker !== undefined;
  }

  /** Starts the thread once the WAL has grown past `startBytes`; asks a running thread for a checkpoint. */
  tick(): void {
    if (this.worker) {
      if (this.waiting.length === 0) void this.checkpoint().catch(() => undefined);
      return;
    }
    if (!this.failed && walBytes(this.file) >= this.startBytes) this.start();
  }

  /** Checkpoints now on the thread (starting it if need be); resolves with what SQLite reports. */
  checkpoint(): Promise<CheckpointResult> {
    const worker = this.worker ?? this.start();
    if (!worker) return Promise.reject(new Error('the checkpoint thread failed'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      worker.ref();
      worker.postMessage('checkpoint');
    });
  }

  /** Stops the timer and the thread (before the database closes). */
  async close(): Promise<void> {
    clearInterval(this.timer);
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    this.failed = true;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    // Held while awaited: an unreferenced thread would let a process with nothing else to do end before it closes.
    worker.ref();
    worker.postMessage('close');
    await exited;
  }

  private start(): Worker | undefined {
    if (this.failed) return undefined;
    const driver = require.resolve('better-sqlite3');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file: this.file } });
    worker.unref();
    worker.on('message', (r: CheckpointResult) => {
      this.waiting.shift()?.resolve(r);
      // Not while closing: close() holds the thread until it has exited.
      if (this.waiting.length === 0 && this.worker === worker) worker.unref();
    });
    worker.on('error', (err) => this.fail(err));
    worker.on('exit', () => this.fail(new Error('the checkpoint thread exited')));
    this.db.pragma(`wal_autocheckpoint = ${this.fallbackPages}`);
    this.worker = worker;
    return worker;
  }

  /** Without the thread, commits checkpoint as before: slower on the loop, never unbounded. */
  private fail(err: unknown): void {
    for (const w of this.waiting.splice(0)) w.reject(err);
    if (this.worker === undefined) return;
    this.worker = undefined;
    this.failed = true;
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${IN_COMMIT_PAGES}`);
  }
}

function walBytes(file: string): number {
  try {
    return fs.statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
}
