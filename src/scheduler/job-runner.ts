import type { Job, JobResult } from './job';
import type { BotServices } from '../bot/services';
import type { FireTrigger, JobRun } from '../store/jobs-repo';
import { jobMetrics } from './job-metrics';
import type { JobOptions } from './job-options';

export type FireStatus = 'ran' | 'failed' | 'done-before' | 'busy' | 'gave-up';

export interface FireOutcome {
  job: string;
  fireAt: Date;
  status: FireStatus;
  result?: JobResult;
  error?: string;
  /** The stored run (for done-before: the earlier one). */
  run?: JobRun;
}

export interface JobRunnerOptions {
  /** Identifies this process in leases and run rows; unique per runtime. */
  owner: string;
  options: JobOptions;
  /** How long the per-job lease lasts; a crashed runner's fire is taken over after this. */
  leaseMs?: number;
  /** Failed fires are retried (by the catch-up sweep) until they have had this many attempts. */
  maxAttempts?: number;
}

/**
 * Runs one fire of one job exactly once across every process on the same store:
 * the job's lease serializes runners, and the `(job, fireAt)` run row says whether this fire already happened.
 * A fire left `running` by a crashed process is resumed; the job's outbox idempotency keys make that safe.
 */
export class JobRunner {
  private readonly chains = new Map<string, Promise<unknown>>();
  readonly leaseMs: number;
  readonly maxAttempts: number;

  constructor(
    private readonly services: BotServices,
    readonly opts: JobRunnerOptions,
  ) {
    this.leaseMs = opts.leaseMs ?? 10 * 60_000;
    this.maxAttempts = opts.maxAttempts ?? 3;
  }

  /** Fires of one job in this process run one after another (a cron tick and a sweep may ask for the same fire). */
  fire(job: Job, fireAt: Date, trigger: FireTrigger): Promise<FireOutcome> {
    const previous = this.chains.get(job.name) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.fireNow(job, fireAt, trigger));
    this.chains.set(job.name, run);
    void run
      .finally(() => {
        if (this.chains.get(job.name) === run) this.chains.delete(job.name);
      })
      .catch(() => undefined);
    return run;
  }

  /** Computes what the job would send at `at`; claims nothing and sends nothing. */
  dryRun(job: Job, at: Date): Promise<JobResult> {
    return job.run({ services: this.services, dryRun: true, options: this.opts.options }, at);
  }

  /** Waits for every fire this process has started. */
  async idle(): Promise<void> {
    await Promise.all([...this.chains.values()].map((p) => p.catch(() => undefined)));
  }

  private async fireNow(job: Job, fireAt: Date, trigger: FireTrigger): Promise<FireOutcome> {
    const { store, clock } = this.services;
    const lease = `job:${job.name}`;
    if (!(await store.leases.acquire(lease, this.opts.owner, clock.now(), this.leaseMs))) {
      return { job: job.name, fireAt, status: 'busy' };
    }
    try {
      const before = await store.jobs.runs.get(job.name, fireAt);
      if (before?.status === 'done') return { job: job.name, fireAt, status: 'done-before', run: before };
      // An operator may retry a fire the sweep gave up on; nobody may repeat a fire that completed.
      if (before?.status === 'failed' && before.attempts >= this.maxAttempts && trigger !== 'manual')
        return { job: job.name, fireAt, status: 'gave-up', run: before };
      return await this.execute(job, fireAt, trigger);
    } finally {
      await store.leases.release(lease, this.opts.owner);
    }
  }

  private async execute(job: Job, fireAt: Date, trigger: FireTrigger): Promise<FireOutcome> {
    const { store, clock, log } = this.services;
    const run = await store.jobs.runs.start({ job: job.name, fireAt, owner: this.opts.owner, trigger }, clock.now());
    try {
      const result = await job.run({ services: this.services, dryRun: false, options: this.opts.options }, fireAt);
      await store.jobs.runs.finish(
        job.name,
        fireAt,
        { status: 'done', summary: result.summary, sent: result.sent },
        clock.now(),
      );
      jobMetrics.fires.inc({ job: job.name, status: 'done' });
      log.info(
        {
          job: job.name,
          fireAt: fireAt.toISOString(),
          trigger,
          attempt: run.attempts,
          sent: result.sent,
          summary: result.summary,
        },
        'job fire done',
      );
      return { job: job.name, fireAt, status: 'ran', result, run };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      await store.jobs.runs.finish(job.name, fireAt, { status: 'failed', error }, clock.now());
      jobMetrics.fires.inc({ job: job.name, status: 'failed' });
      log.error(
        { err, job: job.name, fireAt: fireAt.toISOString(), attempt: run.attempts },
        'job fire failed; the catch-up sweep retries it',
      );
      return { job: job.name, fireAt, status: 'failed', error, run };
    }
  }
}
