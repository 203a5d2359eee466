import fs from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../time/clock';
import type { Store } from './store';

export interface WriteHealth {
  writable: boolean;
  /** Why not, with the path or the store's own error: what an operator reads first. */
  reason?: string;
  checkedAt: string;
}

/** Often enough to notice a full disk within a health-check interval, rarely enough to cost nothing. */
const PROBE_EVERY_MS = 15_000;

/**
 * Whether the store still takes writes: a read proves little when the disk is full or was remounted read-only.
 * Each probe bumps one counter through the store port (SQLite must append to its WAL, MongoDB must write) and,
 * with a DATA_DIR, writes, fsyncs and removes a small file there (where media go). Results are kept for 15 s,
 * so `/healthz` can be polled freely; probes never overlap.
 */
export class WriteProbe {
  private last?: WriteHealth;
  private running?: Promise<WriteHealth>;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly dataDir?: string,
  ) {}

  async status(): Promise<WriteHealth> {
    const now = this.clock.now();
    if (this.last && now.getTime() - Date.parse(this.last.checkedAt) < PROBE_EVERY_MS) return this.last;
    this.running ??= this.probe(now).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async probe(now: Date): Promise<WriteHealth> {
    try {
      await this.store.counters.add('health:write-probe', 1, now);
      if (this.dataDir) await this.probeFile(path.join(this.dataDir, '.health-probe'));
      this.last = { writable: true, checkedAt: now.toISOString() };
    } catch (err) {
      this.last = { writable: false, reason: (err as Error).message, checkedAt: now.toISOString() };
    }
    return this.last;
  }

  private async probeFile(file: string): Promise<void> {
    const handle = await fs.open(file, 'w', 0o600);
    try {
      await handle.writeFile(Buffer.alloc(4096));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.unlink(file);
  }
}
