import type { ProofCheckRef } from '../../store/proof-check-repo';
import type { Arrivals } from '../../bot/arrivals';
import { runProofCheck, type ProofCheckDeps } from './run-proof-check';

const keyOf = (run: ProofCheckRef) => `${run.submissionId}:${run.sourceKey}`;

/**
 * Works off the queued proof checks with at most `workers` at a time, beside the request path: a submission is
 * answered first and checked after. A run queued in this process is handed in with `wake(run)` and kept in memory;
 * the queue in the store is read only by `wake()` (at start: what a crash or a stop left pending), so a proof costs
 * no read of the queue. A check waits while callbacks keep arriving and while accepted messages are still being
 * handled (`arrivals`): on one core a near-copy check of a popular task takes milliseconds that the acknowledgements
 * and the members' answers would otherwise wait for.
 */
export class ProofCheckRunner {
  private readonly running = new Map<string, Promise<void>>();
  /** Handed in, not yet started, oldest first (still pending in the store, so a restart finds them). */
  private readonly queued = new Map<string, ProofCheckRef>();
  /** Runs that failed in this process (a store error): left for the next start rather than retried in a loop. */
  private readonly failed = new Set<string>();
  /** The store may hold pending runs this process has not started: read it when a worker is free. */
  private backlog = false;
  private filling?: Promise<void>;
  private again = false;
  private stopped = false;
  /** Resolves on stop(): checks still waiting for a calm moment then end without running (they stay pending). */
  private readonly stopping: Promise<void>;
  private stop$!: () => void;

  constructor(
    private readonly deps: ProofCheckDeps,
    private readonly workers: number,
    private readonly arrivals?: Arrivals,
  ) {
    this.stopping = new Promise((resolve) => (this.stop$ = resolve));
  }

  /** `run` was just queued in the store; without one (at start), every run still pending there is taken. */
  wake(run?: ProofCheckRef): void {
    if (this.workers <= 0 || this.stopped) return;
    if (!run) this.backlog = true;
    else if (!this.running.has(keyOf(run)) && !this.failed.has(keyOf(run))) this.queued.set(keyOf(run), run);
    this.fillSoon();
  }

  private fillSoon(): void {
    if (this.filling) {
      this.again = true;
      return;
    }
    this.filling = this.fill()
      .catch((err: unknown) => this.deps.log.error({ err }, 'could not read the pending proof checks'))
      .finally(() => {
        this.filling = undefined;
        if (this.again) this.fillSoon();
      });
  }

  private async fill(): Promise<void> {
    this.again = false;
    if (this.backlog && this.workers > this.running.size) await this.fillFromStore();
    for (const run of this.queued.values()) {
      if (this.running.size >= this.workers || this.stopped) break;
      this.start(run);
    }
  }

  /** Oldest pending runs first; once the store has none this process has not seen, it is not read again. */
  private async fillFromStore(): Promise<void> {
    const free = this.workers - this.running.size;
    const limit = this.running.size + this.failed.size + free;
    const pending = await this.deps.store.proofChecks.listPending(limit);
    const fresh = pending.filter((r) => !this.running.has(keyOf(r)) && !this.failed.has(keyOf(r)));
    for (const run of fresh.slice(0, free)) this.start(run);
    if (pending.length < limit) this.backlog = false;
  }

  private start(run: ProofCheckRef): void {
    const key = keyOf(run);
    this.queued.delete(key);
    const turned = new Promise<void>((resolve) => setImmediate(resolve));
    const calm = this.arrivals ? turned.then(() => Promise.race([this.arrivals!.calm(), this.stopping])) : turned;
    const work = calm
      .then(() => (this.stopped ? undefined : runProofCheck(this.deps, run)))
      .catch((err: unknown) => {
        this.failed.add(key);
        this.deps.log.error(
          { err, submissionId: run.submissionId },
          'proof check failed; it runs again at the next start',
        );
      })
      .finally(() => {
        this.running.delete(key);
        if (!this.stopped) this.fillSoon();
      });
    this.running.set(key, work);
  }

  /** Resolves once nothing is running or about to run (tests, and stop). */
  async idle(): Promise<void> {
    while (this.filling || this.running.size) await Promise.all([this.filling, ...this.running.values()]);
  }

  /** Takes no new work and waits for the checks in flight; what is still pending waits in the store. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stop$();
    await this.idle();
  }
}
