import type { BotServices } from '../src/core/services';

/** What a job gets when it runs. `dryRun` jobs compute and report what they would send, and send nothing. */
export interface JobDeps {
  services: BotServices;
  dryRun: boolean;
}

export interface JobResult {
  /** One line for `zhibu jobs list` / logs, in Chinese or English. */
  summary: string;
  /** Messages enqueued (or that would be, in a dry run). */
  sent: number;
  /** In a dry run: the messages that would be sent. */
  preview?: Array<{ chatId: string; text: string }>;
}

/** One scheduled job per file in jobs/ (DESIGN.md §2): a cron schedule in BOT_TIMEZONE and a run function. */
export interface Job {
  name: string;
  /** node-cron expression, evaluated in BOT_TIMEZONE. */
  schedule: string;
  /** How late a missed fire may still run on start-up (ms); 0 = never catch up. */
  catchUpMs?: number;
  run(deps: JobDeps, now: Date): Promise<JobResult>;
}
