/**
 * The storage port (DESIGN.md §2). Adapters: SQLite (embedded default) and MongoDB.
 * Every method is async so that both adapters fit; every write that a platform retry could repeat is idempotent.
 * The contract suite in tests/contract/ pins down the behaviour every adapter must share.
 */
import type { IncomingMessage, Platform, PlatformData } from '../bot/incoming-message';
import type {
  AuditEntry,
  Branch,
  BranchKind,
  Chat,
  ChatLogEntry,
  CheckIn,
  Identity,
  LedgerCategory,
  LedgerEntry,
  Member,
  MemberFields,
  Role,
  RoleGrant,
  Submission,
  SubmissionMedia,
  SubmissionStatus,
  Task,
  TaskChanges,
  TaskFields,
} from '../model';
import type { OutboxItem, OutgoingMessage } from '../outbox/outbox-types';
import type { CounterRepo } from './counter-repo';
import type { JobsRepo } from './jobs-repo';
import type { HelpCaseRepo } from './help-case-repo';
import type { ServiceRepo } from './service-repo';
import type { IdentityProofRepo } from './identity-proof-repo';
import type { SessionRepo } from './session-repo';
import type { NonceRepo } from './nonce-repo';
import type { MeetingRepo } from './meeting-repo';
import type { ContactRepo } from './contact-repo';
import type { CertificateRepo } from './certificate-repo';
import type { OpinionRepo } from './opinion-repo';
import type { ImageHashRepo } from './image-hash-repo';
import type { ProofCheckRepo } from './proof-check-repo';
import type { ReviewRepo } from './review-repo';
import type { LedgerInput, MemberSummary, SettleState, SettleStep } from './ledger-settlement';

export type { LedgerInput, MemberSummary, SettleState, SettleStep };

export interface BranchRepo {
  create(input: { name: string; kind: BranchKind; township?: string }, now: Date): Promise<Branch>;
  get(id: number): Promise<Branch | undefined>;
  findByName(name: string): Promise<Branch | undefined>;
  list(): Promise<Branch[]>;
}

/**
 * `sourceKey` on a create: the dedupe key of the message that caused it. A second create with the same key returns
 * the record the first one made and changes nothing, so re-handling a message (crash recovery) creates nothing new.
 */
export interface MemberRepo {
  create(fields: Partial<MemberFields> & { name: string }, now: Date, sourceKey?: string): Promise<Member>;
  update(id: number, fields: Partial<MemberFields>, now: Date): Promise<Member>;
  get(id: number): Promise<Member | undefined>;
  /** The member a platform account is bound to (the identity and the member read as one). */
  findByIdentity(platform: Platform, userId: string): Promise<Member | undefined>;
  /** Members whose home or host branch is `branchId`. */
  listByBranch(branchId: number, opts?: { status?: Member['status'] }): Promise<Member[]>;
  findByName(name: string): Promise<Member[]>;
  list(): Promise<Member[]>;
  touch(id: number, now: Date): Promise<void>;
}

export interface IdentityRepo {
  bind(identity: Identity): Promise<void>;
  find(platform: Platform, userId: string): Promise<Identity | undefined>;
  listByMember(memberId: number): Promise<Identity[]>;
}

export interface ChatRepo {
  upsertSeen(chat: Pick<Chat, 'platform' | 'chatId' | 'chatType' | 'title'>, now: Date): Promise<Chat>;
  get(platform: Platform, chatId: string): Promise<Chat | undefined>;
  bindBranch(platform: Platform, chatId: string, branchId: number): Promise<void>;
  setPush(platform: Platform, chatId: string, push: PlatformData | undefined): Promise<void>;
  listByBranch(branchId: number): Promise<Chat[]>;
}

export interface RoleRepo {
  grant(
    input: { role: Role; memberId: number; branchId: number | null; grantedBy: string },
    now: Date,
  ): Promise<RoleGrant>;
  listByMember(memberId: number): Promise<RoleGrant[]>;
  secretariesOf(branchId: number): Promise<RoleGrant[]>;
}

export interface TaskRepo {
  create(fields: TaskFields, now: Date, sourceKey?: string): Promise<Task>;
  get(id: number): Promise<Task | undefined>;
  /**
   * Tasks of these branches whose deadline is after `openAt` (open, soonest first), or all of them newest first.
   * Withdrawn tasks are left out unless `withdrawn` is true.
   */
  listByBranches(branchIds: number[], opts?: { openAt?: Date; withdrawn?: boolean }): Promise<Task[]>;
  /** Changes a task that is not withdrawn; returns the task as it is now, or undefined when there is none to change. */
  update(id: number, changes: TaskChanges): Promise<Task | undefined>;
  /** Marks the task withdrawn once; undefined when it does not exist or was withdrawn before. */
  withdraw(id: number, reason: string | undefined, now: Date): Promise<Task | undefined>;
}

export type SubmissionUpsert = Pick<
  Submission,
  'taskId' | 'memberId' | 'note' | 'links' | 'media' | 'late' | 'status' | 'sourceKey'
>;

export interface SubmissionRepo {
  /** One submission per (task, member): a second call replaces the proof. Returns whether it existed before. */
  upsert(input: SubmissionUpsert, now: Date): Promise<{ submission: Submission; existed: boolean }>;
  get(id: number): Promise<Submission | undefined>;
  find(taskId: number, memberId: number): Promise<Submission | undefined>;
  listByTask(taskId: number): Promise<Submission[]>;
  setStatus(id: number, status: SubmissionStatus, reviewNote: string | undefined, now: Date): Promise<void>;
  /** Submissions (other than `exclude`) whose proof contains this media hash. */
  findByMediaHash(sha256: string): Promise<Submission[]>;
}

export interface LedgerRepo {
  /** Appends unless `idemKey` was booked before; returns the entry or undefined for a repeat. */
  append(entry: LedgerInput, now: Date): Promise<LedgerEntry | undefined>;
  /**
   * Reads a submission's state and appends what `decide` makes of it (nothing when it returns undefined), keyed
   * like `append`. SQLite reads and books in one transaction, so one step settles; an adapter that cannot (MongoDB)
   * reports `settled` only when there was nothing to book, and the caller reads again after each booking.
   */
  settle(submissionId: number, decide: (state: SettleState) => LedgerInput | undefined, now: Date): Promise<SettleStep>;
  findByIdemKey(idemKey: string): Promise<LedgerEntry | undefined>;
  listByMember(memberId: number): Promise<LedgerEntry[]>;
  /** What was booked for one submission, in order (its ledger revisions). */
  listBySubmission(submissionId: number): Promise<LedgerEntry[]>;
  /** Sum of deltas per member for entries in [from, to), only those booked for `branchId` when it is given. */
  totals(memberIds: number[], range?: LedgerFilter): Promise<Map<number, number>>;
  /** One member's 积分 at a glance, over all branches: the all-time total, its 奉献 part, and the sum since each date. */
  memberSummary(memberId: number, since: Date[]): Promise<MemberSummary>;
  list(range?: LedgerFilter): Promise<LedgerEntry[]>;
  /**
   * A member's all-time points booked for a branch and their competition rank ("1224") among the branch's active
   * members, read from the running totals; `rank` is undefined when the member is not an active member there.
   */
  standing(memberId: number, branchId: number): Promise<BranchStanding>;
}

export interface BranchStanding {
  total: number;
  rank?: number;
  /** How many active members the branch ranks. */
  of: number;
}

export interface LedgerFilter {
  from?: Date;
  to?: Date;
  branchId?: number;
  /** Only 学习 or only 奉献 entries (an entry without a category is 学习). */
  category?: LedgerCategory;
}

export interface CheckInRepo {
  record(input: Omit<CheckIn, 'id' | 'createdAt' | 'sourceKey'>, now: Date, sourceKey?: string): Promise<CheckIn>;
  listByMember(memberId: number): Promise<CheckIn[]>;
}

export type InboxStatus = 'received' | 'done' | 'failed';

export interface InboxRepo {
  /** Durable dedupe + persistence before ack: false when the key was seen before. */
  accept(key: string, message: IncomingMessage, now: Date): Promise<boolean>;
  markDone(key: string, status: Exclude<InboxStatus, 'received'>, error: string | undefined, now: Date): Promise<void>;
  /** Replaces the stored message's text (a private answer, once it is recorded); the key goes on deduping. */
  redactText(key: string, text: string): Promise<void>;
  /** Messages accepted but never processed (a crash between ack and handling). */
  listUnprocessed(limit: number): Promise<Array<{ key: string; message: IncomingMessage }>>;
  count(): Promise<number>;
}

export interface OutboxRepo {
  /** Persists the message; with an `idemKey` already present it returns the existing item. */
  enqueue(message: OutgoingMessage, now: Date): Promise<OutboxItem>;
  /**
   * Atomically claims up to `limit` due items for `owner` until `leaseMs` from now; with `platforms`, only items for
   * those platforms (an instance that does not hold a platform's long connection leaves its items to the holder).
   */
  claimDue(
    owner: string,
    now: Date,
    limit: number,
    leaseMs: number,
    opts?: { platforms?: Platform[] },
  ): Promise<OutboxItem[]>;
  markSent(id: number, now: Date): Promise<void>;
  markRetry(id: number, error: string, nextAttemptAt: Date): Promise<void>;
  /** Puts a claimed item back without counting the claim as an attempt (the robot was at its rate cap). */
  defer(id: number, nextAttemptAt: Date): Promise<void>;
  markFailed(id: number, error: string, now: Date): Promise<void>;
  get(id: number): Promise<OutboxItem | undefined>;
  depth(): Promise<number>;
  listFailed(limit: number): Promise<OutboxItem[]>;
  /** Deletes items sent before `before` (retention); pending, sending and failed items stay. Returns how many. */
  prune(before: Date): Promise<number>;
}

export interface ChatLogRepo {
  append(entry: Omit<ChatLogEntry, 'id'>): Promise<void>;
  list(platform: Platform, chatId: string, limit?: number): Promise<ChatLogEntry[]>;
  /** Replaces the text of what `from` wrote in this chat as exactly `text` (a private answer) with `replacement`. */
  redact(platform: Platform, chatId: string, from: string, text: string, replacement: string): Promise<void>;
}

export interface AuditRepo {
  /** With a `sourceKey` recorded before, records nothing (one audit line per key). */
  record(entry: Omit<AuditEntry, 'id' | 'createdAt' | 'sourceKey'>, now: Date, sourceKey?: string): Promise<void>;
  list(limit: number): Promise<AuditEntry[]>;
}

export interface PendingMediaRepo {
  /** Holds media sent before the member named the task (replaces what was held for that sender and chat). */
  hold(key: string, media: SubmissionMedia[], expiresAt: Date): Promise<void>;
  /** Returns and removes what is held, if not expired. */
  take(key: string, now: Date): Promise<SubmissionMedia[]>;
}

export interface LeaseRepo {
  /** Takes or renews the named lease for `owner`; false while another owner holds an unexpired lease. */
  acquire(name: string, owner: string, now: Date, ttlMs: number): Promise<boolean>;
  release(name: string, owner: string): Promise<void>;
}

/** Content-addressed blobs (proof media). SQLite keeps files under DATA_DIR/media; MongoDB uses GridFS. */
export interface BlobRepo {
  put(bytes: Buffer, ext: string): Promise<{ sha256: string; size: number; ext: string }>;
  get(sha256: string): Promise<{ bytes: Buffer; ext: string } | undefined>;
  has(sha256: string): Promise<boolean>;
  /**
   * Something made from a stored blob (`variant` names what, e.g. a thumbnail), kept beside it under the original's
   * hash so it is made once. Replaces what was stored for the same pair (the bytes are a pure function of it).
   */
  putVariant(sha256: string, variant: string, bytes: Buffer, ext: string): Promise<void>;
  getVariant(sha256: string, variant: string): Promise<{ bytes: Buffer; ext: string } | undefined>;
}

export interface Store {
  readonly kind: 'sqlite' | 'mongodb';
  branches: BranchRepo;
  members: MemberRepo;
  identities: IdentityRepo;
  chats: ChatRepo;
  roles: RoleRepo;
  tasks: TaskRepo;
  submissions: SubmissionRepo;
  ledger: LedgerRepo;
  checkIns: CheckInRepo;
  inbox: InboxRepo;
  outbox: OutboxRepo;
  chatLog: ChatLogRepo;
  audit: AuditRepo;
  pending: PendingMediaRepo;
  leases: LeaseRepo;
  blobs: BlobRepo;
  /** Durable counters (the DingTalk monthly call quota). */
  counters: CounterRepo;
  /** Scheduled jobs: task bank, push plans, job fires, done-marks. */
  jobs: JobsRepo;
  /** Help cases: 求助 and their history. */
  helpCases: HelpCaseRepo;
  /** 奉献: 微心愿 and volunteer activities with their claims. */
  service: ServiceRepo;
  /** Pending check-ins and one-time binding codes: how a platform account is proven to be a member. */
  identityProofs: IdentityProofRepo;
  /** Dashboard sessions, server-side so that logout and role changes end them on every instance. */
  sessions: SessionRepo;
  /** Single-use signed callback headers (DingTalk HTTP mode), so a captured one cannot be replayed. */
  nonces: NonceRepo;
  /** Meetings (组织生活) and their attendance. */
  meetings: MeetingRepo;
  /** Talks, visits (private to the member's secretaries) and Spring Festival homecomings. */
  contacts: ContactRepo;
  /** 流动党员证明 issued by the branches. */
  certificates: CertificateRepo;
  /** Opinions and suggestions (意见建议), their history, and the sender link kept apart. */
  opinions: OpinionRepo;
  /** Perceptual hashes of image proofs, for the near-duplicate check's index on every instance. */
  imageHashes: ImageHashRepo;
  /** Automatic proof checks, queued on the request path and worked off it. */
  proofChecks: ProofCheckRepo;
  /** Satisfaction reviews (满意度测评): reviews, voter marks, per-branch counts and dialogue drafts. */
  reviews: ReviewRepo;
  close(): Promise<void>;
}
