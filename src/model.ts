/** Domain records as the store holds them. Times are ISO strings (UTC); months are `YYYY-MM`. */
import type { ChatType, MediaKind, Platform, PlatformData } from './bot/incoming-message';

export type BranchKind = 'home' | 'host';

export interface Branch {
  id: number;
  name: string;
  /** 流出地 (home) or 流入地 (host). */
  kind: BranchKind;
  /** Parent township committee (乡镇党委), free text. */
  township?: string;
  createdAt: string;
}

export type MemberStatus = 'active' | 'transferred' | 'lost';
export type CertificateStatus = 'none' | 'valid' | 'expired';

export interface Member {
  id: number;
  name: string;
  gender?: string;
  birthMonth?: string;
  education?: string;
  phone?: string;
  joinedPartyMonth?: string;
  occupation?: string;
  employer?: string;
  departureMonth?: string;
  destProvince?: string;
  destCity?: string;
  familyNote?: string;
  certificateStatus: CertificateStatus;
  status: MemberStatus;
  homeBranchId?: number;
  hostBranchId?: number;
  lastSeenAt?: string;
  createdAt: string;
  updatedAt: string;
  /** Dedupe key of the 报到 message that created the record (absent for imported members). */
  sourceKey?: string;
}

export type MemberFields = Omit<Member, 'id' | 'createdAt' | 'updatedAt' | 'sourceKey'>;

export interface Identity {
  platform: Platform;
  userId: string;
  memberId: number;
  displayName?: string;
}

export interface Chat {
  platform: Platform;
  chatId: string;
  chatType: ChatType;
  title?: string;
  branchId?: number;
  /** Platform-specific push settings (e.g. a group robot webhook key), owned by src/platforms. */
  push?: PlatformData;
  createdAt: string;
}

export type Role = 'admin' | 'secretary';

export interface RoleGrant {
  id: number;
  role: Role;
  memberId: number;
  /** null for admin grants. */
  branchId: number | null;
  grantedBy: string;
  createdAt: string;
}

export type ProofKind = 'image' | 'video' | 'file' | 'link' | 'text';
export type LateRule = 'full' | 'half' | 'none';

export interface Task {
  id: number;
  branchId: number;
  title: string;
  content: string;
  deadline: string;
  points: number;
  proofKinds: ProofKind[];
  minChars: number;
  lateRule: LateRule;
  createdBy: string;
  createdAt: string;
  /** Dedupe key of the message that published it (absent for tasks the weekly push made). */
  sourceKey?: string;
  /** Set when a secretary withdrew the task (撤销任务): it leaves lists, reminders and rankings. */
  withdrawnAt?: string;
  withdrawReason?: string;
  /** 证明：截图 — the proof is a screenshot, read by OCR where the machine has it. */
  screenshotProof?: boolean;
  /** 关键词：… — words a screenshot must show (any one of them). */
  proofKeywords?: string[];
}

export type TaskFields = Omit<Task, 'id' | 'createdAt' | 'sourceKey' | 'withdrawnAt' | 'withdrawReason'>;
/** What 修改任务 may change. */
export type TaskChanges = Partial<
  Pick<
    Task,
    'title' | 'content' | 'deadline' | 'points' | 'proofKinds' | 'minChars' | 'screenshotProof' | 'proofKeywords'
  >
>;

export type SubmissionStatus = 'accepted' | 'flagged' | 'rejected';

export interface SubmissionMedia {
  sha256: string;
  kind: MediaKind;
  name?: string;
}

export interface Submission {
  id: number;
  taskId: number;
  memberId: number;
  note: string;
  links: string[];
  media: SubmissionMedia[];
  late: boolean;
  status: SubmissionStatus;
  reviewNote?: string;
  /** Dedupe key of the message that carried the latest proof. */
  sourceKey: string;
  createdAt: string;
  updatedAt: string;
}

/** What points count as in the rankings: 学习 (study: tasks, meetings) or 奉献 (service: wishes, volunteering). */
export type LedgerCategory = 'study' | 'service';

export interface LedgerEntry {
  id: number;
  memberId: number;
  delta: number;
  reason: string;
  /** `meeting`: attending organizational life (组织生活), counted with study (学习) points. */
  kind: 'task' | 'manual' | 'correction' | 'meeting' | 'service';
  /** 学习 (study) or 奉献 (service); absent means study, as every entry booked before the split is. */
  category?: LedgerCategory;
  taskId?: number;
  submissionId?: number;
  /** The branch whose ranking the points count in: the task's branch, or the branch a manual entry was made for. */
  branchId?: number;
  actor: string;
  /** Unique: the same idempotency key is never booked twice. */
  idemKey: string;
  createdAt: string;
}

export interface CheckIn {
  id: number;
  memberId: number;
  branchId: number;
  identity: string;
  createdAt: string;
  /** Dedupe key of the 报到 message. */
  sourceKey?: string;
}

export interface AuditEntry {
  id: number;
  actor: string;
  action: string;
  subject: string;
  detail?: Record<string, unknown>;
  createdAt: string;
  /** Dedupe key (of the message, plus a suffix where one message records several lines) that makes it once. */
  sourceKey?: string;
}

export interface ChatLogEntry {
  id: number;
  platform: Platform;
  chatId: string;
  from: string;
  text: string;
  mentions?: string[];
  at: string;
}
