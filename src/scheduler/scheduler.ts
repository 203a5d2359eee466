/**
 * The one place jobs meet node-cron (DESIGN.md §2): every job's cron expression is scheduled in BOT_TIMEZONE, each
 * tick becomes a fire of the JobRunner (exactly once across processes), and a sweep — at start-up and then every
 * minute — runs fires that were missed while the bot was down (within the job's `catchUpMs`), resumes fires a
 * crashed process left unfinished, and retries failed ones.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Job } from './job';
import type { BotServices } from '../bot/services';
import { localParts } from '../time/zoned-time';
import { firesBetween, previousFire } from './cron-times';
import { JobRunner, type FireOutcome, type JobRunnerOptions } from './job-runner';

export interface SchedulerOptions extends JobRunnerOptions {
  /** JOBS_ENABLED=false: this instance schedules nothing (another instance does, or jobs are run by hand). */
  enabled?: boolean;
  sweepMs?: number;
  /** Fires newer than this are left to node-cron's own tick; the sweep only picks up what a tick missed. */
  graceMs?: number;
  /** Routine no-op fires are forgotten after this long. */
  keepRunsMs?: number;
  /** How long sent outbox items are kept (idempotency keys of older sends are forgotten); 30 days by default. */
  keepSentMs?: number;
}

const DAY_MS = 86_400_000;

export class Scheduler {
  readonly runner: JobRunner;
  private readonly tasks: ScheduledTask[] = [];
  private sweepTimer?: NodeJS.Timeout;
  private sweeping?: Promise<FireOutcome[]>;
  private lastPrune = 0;

  constructor(
    readonly jobs: Job[],
    private readonly services: BotServices,
    private readonly opts: SchedulerOptions,
  ) {
    this.runner = new JobRunner(services, opts);
  }

  get timezone(): string {
    return this.services.settings.timezone;
  }

  job(name: string): Job | undefined {
    return this.jobs.find((j) => j.name === name);
  }

  async start(): Promise<void> {
    const { log, clock } = this.services;
    if (this.opts.enabled === false) {
      log.info('scheduled jobs are off on this instance (JOBS_ENABLED=false)');
      return;
    }
    const year = localParts(clock.now(), this.timezone).year;
    for (const warning of this.opts.options.calendar.warnings([year, year + 1]))
      log.warn({ calendar: warning }, 'holiday calendar needs attention');
    await this.sweep(clock.now(), 0);
    const logger = {
      info: () => undefined,
      debug: () => undefined,
      warn: (msg: string) => log.debug({ cron: msg }, 'node-cron'),
      error: (msg: string | Error) => log.error({ err: msg }, 'node-cron'),
    };
    for (const job of this.jobs) {
      this.tasks.push(
        cron.schedule(job.schedule, (ctx) => this.onTick(job, ctx.date), {
          timezone: this.timezone,
          name: job.name,
          logger,
          unref: true,
        }),
      );
    }
    this.sweepTimer = setInterval(() => {
      void this.sweep().catch((err) => log.error({ err }, 'job sweep failed'));
    }, this.opts.sweepMs ?? 60_000);
    this.sweepTimer.unref();
    log.info({ jobs: this.jobs.map((j) => j.name), timezone: this.timezone }, 'scheduled jobs started');
  }

  /** A node-cron tick: the fire is the schedule's minute nearest to the tick (ticks may run a little late). */
  onTick(job: Job, at: Date): Promise<FireOutcome | undefined> {
    const fireAt = previousFire(job.schedule, new Date(at.getTime() + 30_000), this.timezone);
    if (!fireAt) return Promise.resolve(undefined);
    return this.runner.fire(job, fireAt, 'cron').catch((err) => {
      this.services.log.error({ err, job: job.name }, 'job fire crashed');
      return undefined;
    });
  }

  /** Runs missed, crashed and failed fires within each job's catch-up window; one sweep at a time. */
  sweep(now = this.services.clock.now(), graceMs = this.opts.graceMs ?? 60_000): Promise<FireOutcome[]> {
    this.sweeping ??= this.sweepOnce(now, graceMs).finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  private async sweepOnce(now: Date, graceMs: number): Promise<FireOutcome[]> {
    await this.prune(now);
    const outcomes: FireOutcome[] = [];
    for (const job of this.jobs) {
      if (!job.catchUpMs) continue;
      const fires = firesBetween(
        job.schedule,
        new Date(now.getTime() - job.catchUpMs),
        new Date(now.getTime() - graceMs),
        this.timezone,
      );
      for (const fireAt of fires) {
        const run = await this.services.store.jobs.runs.get(job.name, fireAt);
        if (run?.status === 'done' || (run?.status === 'failed' && run.attempts >= this.runner.maxAttempts)) continue;
        outcomes.push(await this.runner.fire(job, fireAt, 'catch-up'));
      }
    }
    return outcomes;
  }

  private async prune(now: Date): Promise<void> {
    if (now.getTime() - this.lastPrune < DAY_MS) return;
    this.lastPrune = now.getTime();
    const removed = await this.services.store.jobs.runs.prune(
      new Date(now.getTime() - (this.opts.keepRunsMs ?? 30 * DAY_MS)),
    );
    if (removed) this.services.log.debug({ removed }, 'pruned old no-op job runs');
    const sent = await this.services.store.outbox.prune(
      new Date(now.getTime() - (this.opts.keepSentMs ?? 30 * DAY_MS)),
    );
    if (sent) this.services.log.debug({ sent }, 'pruned sent outbox items past retention');
  }

  async stop(): Promise<void> {
    for (const task of this.tasks.splice(0)) await task.destroy();
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
    await this.sweeping?.catch(() => undefined);
    await this.runner.idle();
  }
}
