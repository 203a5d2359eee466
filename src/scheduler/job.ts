import type { BotServices } from '../bot/services';
import type { JobOptions } from './job-options';

/** What a job gets when it runs. `dryRun` jobs compute and report what they would send, and send nothing. */
export interface JobDeps {
  services: BotServices;
  dryRun: boolean;
  /** Job settings from the environment (reminder hours, out-of-contact weeks, holiday calendar); defaults when absent. */
  options?: JobOptions;
}

export interface JobResult {
  /** One line for `zhibu jobs list` / logs, in Chinese or English. */
  summary: string;
  /** Messages enqueued (or that would be, in a dry run). */
  sent: number;
  /** In a dry run: the messages that would be sent. */
  preview?: Array<{ chatId: string; text: string; platform?: string; chatType?: string; mentions?: string[] }>;
}

/** One scheduled job per file in jobs/ (DESIGN.md §2): a cron schedule in BOT_TIMEZONE and a run function. */
export interface Job {
  name: string;
  /** node-cron expression, evaluated in BOT_TIMEZONE. */
  schedule: string;
  /** How late a missed fire may still run on start-up (ms); 0 = never catch up. */
  catchUpMs?: number;
  /** The schedule in words for `zhibu jobs list` (e.g. 每周日 20:00), when the cron expression alone says too little. */
  describe?: string;
  /** When the job will next actually do something, if that differs from the next cron fire (e.g. the next branch push). */
  nextRun?(deps: JobDeps, now: Date): Promise<Date | undefined>;
  run(deps: JobDeps, now: Date): Promise<JobResult>;
}
