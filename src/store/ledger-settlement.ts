import type { LedgerEntry, Submission, Task } from '../model';

/** The records behind `LedgerRepo.settle` and `memberSummary` (store.ts holds the port itself). */
export type LedgerInput = Omit<LedgerEntry, 'id' | 'createdAt'>;

/** What settling a submission's points reads: its state, its task and what its earlier revisions booked. */
export interface SettleState {
  submission: Pick<Submission, 'id' | 'taskId' | 'memberId' | 'status' | 'late'>;
  task: Task;
  booked: { count: number; sum: number };
}

export interface SettleStep {
  /** The entry booked, or undefined when there was nothing to book or its key was booked before. */
  entry?: LedgerEntry;
  /** The ledger now matches the state read; when false the caller reads again. */
  settled: boolean;
}

export interface MemberSummary {
  total: number;
  service: number;
  /** What was booked since each of the dates asked for, in their order. */
  since: number[];
}
