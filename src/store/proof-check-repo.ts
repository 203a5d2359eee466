/**
 * Automatic checks of proof, one run per revision of a submission (the `sourceKey` of the message that carried it).
 * A run is written on the request path and worked off it, so a restart finds every run still pending and resumes it.
 */
export interface StoredDoubt {
  code: string;
  reason: string;
  relatedSubmissionIds?: number[];
  detail?: Record<string, string | number>;
}

export type ProofCheckStatus = 'pending' | 'done' | 'superseded';

export interface ProofCheckRun {
  submissionId: number;
  sourceKey: string;
  status: ProofCheckStatus;
  /** Every doubt found, those found on the request path (an exact duplicate) included. */
  doubts: StoredDoubt[];
  /** What was read from the proof for the reviewer: the date taken, the text on a screenshot. */
  facts: Record<string, string>;
  createdAt: string;
  finishedAt?: string;
}

export interface ProofCheckRepo {
  /** Queues the checks of one revision; a second call for the same revision changes nothing. */
  enqueue(input: { submissionId: number; sourceKey: string; doubts: StoredDoubt[] }, now: Date): Promise<void>;
  /** Runs still to do, oldest first. */
  listPending(limit: number): Promise<ProofCheckRun[]>;
  /** Records what a run found (or that a newer proof replaced the one it was for). */
  finish(
    submissionId: number,
    sourceKey: string,
    result: { status: Exclude<ProofCheckStatus, 'pending'>; doubts: StoredDoubt[]; facts: Record<string, string> },
    now: Date,
  ): Promise<void>;
  get(submissionId: number, sourceKey: string): Promise<ProofCheckRun | undefined>;
}
