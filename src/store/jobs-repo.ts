/**
 * The scheduled-jobs part of the Store port: each branch's task bank and weekly push plan, one row per
 * job fire (the exactly-once claim and the "last result" that `zhibu jobs list` shows), and done-marks for the
 * per-item work of level-triggered jobs (a branch's push of one day, a task's 24 h reminder).
 */
import type { LateRule, ProofKind } from '../model';

/** A study task kept in a branch's bank until the weekly push publishes it as a real task. */
export interface BankItem {
  id: number;
  branchId: number;
  title: string;
  content: string;
  points: number;
  proofKinds: ProofKind[];
  minChars: number;
  lateRule: LateRule;
  /** 期限：the published task's deadline is the push time plus this many days. */
  durationDays: number;
  createdBy: string;
  createdAt: string;
  /** The push slot (local date `YYYY-MM-DD`) this item was reserved for; unset while it waits in the bank. */
  slotKey?: string;
  reservedAt?: string;
  /** The task the push created from this item. */
  taskId?: number;
  /** Dedupe key of the 入库 message that added it. */
  sourceKey?: string;
}

export type BankItemFields = Omit<BankItem, 'id' | 'createdAt' | 'slotKey' | 'reservedAt' | 'taskId' | 'sourceKey'>;

/** A branch's push day and time (计划 每周一 09:00); weekday 1 = Monday … 7 = Sunday, time `HH:mm` in BOT_TIMEZONE. */
export interface PushSchedule {
  branchId: number;
  weekday: number;
  time: string;
  updatedBy: string;
  updatedAt: string;
}

export type FireTrigger = 'cron' | 'catch-up' | 'manual';
export type JobRunStatus = 'running' | 'done' | 'failed';

/** One fire of one job: `(job, fireAt)` is unique, so a fire is claimed once however many processes see it. */
export interface JobRun {
  job: string;
  /** The scheduled time of the fire (ISO, UTC). */
  fireAt: string;
  status: JobRunStatus;
  trigger: FireTrigger;
  owner: string;
  attempts: number;
  startedAt: string;
  finishedAt?: string;
  summary?: string;
  sent?: number;
  error?: string;
}

export interface TaskBankRepo {
  /** With a `sourceKey` seen before, returns that item and adds nothing. */
  add(fields: BankItemFields, now: Date, sourceKey?: string): Promise<BankItem>;
  get(id: number): Promise<BankItem | undefined>;
  /** The branch's items in push order (oldest first); `pending` = not yet published as a task. */
  list(branchId: number, opts?: { pending?: boolean }): Promise<BankItem[]>;
  /**
   * Reserves the next waiting item for the push slot `slotKey`, atomically. Idempotent: the item already reserved
   * for this (branch, slot) is returned again, so a resumed push publishes the same item. Undefined when the bank
   * has nothing left.
   */
  reserve(branchId: number, slotKey: string, now: Date): Promise<BankItem | undefined>;
  attachTask(id: number, taskId: number): Promise<void>;
  /** Removes an item that was never published (删除题库); false when it does not exist or was already pushed. */
  remove(id: number): Promise<boolean>;
}

export interface PushScheduleRepo {
  get(branchId: number): Promise<PushSchedule | undefined>;
  set(input: Omit<PushSchedule, 'updatedAt'>, now: Date): Promise<PushSchedule>;
  list(): Promise<PushSchedule[]>;
}

export interface JobRunRepo {
  get(job: string, fireAt: Date): Promise<JobRun | undefined>;
  /** Creates the run as `running`, or restarts an existing one (attempts + 1). Callers hold the job's lease. */
  start(input: { job: string; fireAt: Date; owner: string; trigger: FireTrigger }, now: Date): Promise<JobRun>;
  finish(
    job: string,
    fireAt: Date,
    outcome: { status: Exclude<JobRunStatus, 'running'>; summary?: string; sent?: number; error?: string },
    now: Date,
  ): Promise<void>;
  /** The run with the latest fire time; with `sentOnly`, the latest that sent at least one message. */
  latest(job: string, opts?: { sentOnly?: boolean }): Promise<JobRun | undefined>;
  /** Deletes finished runs before `before` that sent nothing (routine no-op fires); returns how many. */
  prune(before: Date): Promise<number>;
}

export interface JobMarkRepo {
  has(key: string): Promise<boolean>;
  /** Records that the item `key` is done; false when it was recorded before. */
  add(key: string, job: string, now: Date): Promise<boolean>;
}

export interface JobsRepo {
  bank: TaskBankRepo;
  pushSchedules: PushScheduleRepo;
  runs: JobRunRepo;
  marks: JobMarkRepo;
}
