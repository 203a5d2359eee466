import type { ProofCheckRun } from '../../store/proof-check-repo';
import { runProofCheck, type ProofCheckDeps } from './run-proof-check';

const keyOf = (run: ProofCheckRun) => `${run.submissionId}:${run.sourceKey}`;

/**
 * Works off the queued proof checks with at most `workers` at a time, beside the request path: a submission is
 * answered first and checked after. The queue is the store, so a restart resumes whatever was still pending.
 */
export class ProofCheckRunner {
  private readonly running = new Map<string, Promise<void>>();
  /** Runs that failed in this process (a store error): left for the next start rather than retried in a loop. */
  private readonly failed = new Set<string>();
  private filling?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly deps: ProofCheckDeps,
    private readonly workers: number,
  ) {}

  /** Something was queued (or the process started): take pending runs up to the pool size. */
  wake(): void {
    if (this.workers <= 0 || this.stopped) return;
    if (this.filling) {
      this.again = true;
      return;
    }
    this.filling = this.fill()
      .catch((err: unknown) => this.deps.log.error({ err }, 'could not read the pending proof checks'))
      .finally(() => {
        this.filling = undefined;
        if (this.again) this.wake();
      });
  }

  private async fill(): Promise<void> {
    this.again = false;
    const free = this.workers - this.running.size;
    if (free <= 0) return;
    const pending = await this.deps.store.proofChecks.listPending(this.running.size + this.failed.size + free);
    for (const run of pending.filter((r) => !this.running.has(keyOf(r)) && !this.failed.has(keyOf(r))).slice(0, free))
      this.start(run);
  }

  private start(run: ProofCheckRun): void {
    const key = keyOf(run);
    const work = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => runProofCheck(this.deps, run))
      .catch((err: unknown) => {
        this.failed.add(key);
        this.deps.log.error(
          { err, submissionId: run.submissionId },
          'proof check failed; it runs again at the next start',
        );
      })
      .finally(() => {
        this.running.delete(key);
        this.wake();
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
    await this.idle();
  }
}
