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

/** The MinHash signature of one revision's note, kept so later notes of the task are compared with it cheaply. */
export interface StoredNoteSignature {
  submissionId: number;
  sourceKey: string;
  taskId: number;
  /** The minima (empty for a note too short to compare). */
  minima: Uint32Array;
  /** The band keys the note is found by (none for a note too short to compare). */
  bands: number[];
}

/** What a run needs to start: the revision to check and what the request path already found. */
export type ProofCheckRef = Pick<ProofCheckRun, 'submissionId' | 'sourceKey' | 'doubts'>;

export interface ProofCheckRepo {
  /** Queues the checks of one revision; a second call for the same revision changes nothing. */
  enqueue(input: ProofCheckRef, now: Date): Promise<void>;
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
  /** Stores the signatures given, each replacing what was kept for its submission (an earlier revision's). */
  putNoteSignatures(signatures: StoredNoteSignature[]): Promise<void>;
  /**
   * The task's submissions whose current revision has no stored signature: new, replaced, or written before
   * signatures were kept. With `pendingOnly`, only those whose current revision's check is still pending (a short
   * read of the queue instead of the whole task).
   */
  unsignedNotes(taskId: number, options?: { pendingOnly?: boolean }): Promise<number[]>;
  /** The stored signatures of the task that share at least one band key with `bands`. */
  findNoteCandidates(taskId: number, bands: number[]): Promise<{ submissionId: number; minima: Uint32Array }[]>;
}
