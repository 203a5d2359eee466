import type { SubmissionMedia } from '../model';

/** 谈话 (a one-to-one talk) or 走访 (a visit to the member or their family). */
export type ContactKind = 'talk' | 'visit';

export const CONTACT_WORDS: Record<ContactKind, string> = { talk: '谈话', visit: '走访' };

/**
 * A talk or visit a secretary recorded about a member. The notes are private: only the member's secretaries (home
 * or host branch) and admins ever see them, never the member and never a group.
 */
export interface Contact {
  id: number;
  memberId: number;
  kind: ContactKind;
  /** What the secretary wrote, verbatim. */
  note: string;
  media: SubmissionMedia[];
  /** Identity key (`platform:userId`) of the secretary who recorded it. */
  recordedBy: string;
  /** Dedupe key of the message that recorded it: one contact per message. */
  sourceKey: string;
  createdAt: string;
}

export type ContactRecord = Omit<Contact, 'id' | 'createdAt'>;

/**
 * 返乡报到: a member home for the Spring Festival told the home branch they are back. One per member and season
 * (`2026-2027`); reporting again changes how long they stay.
 */
export interface Homecoming {
  id: number;
  memberId: number;
  branchId: number;
  season: string;
  /** `YYYY-MM-DD` the member said they stay until, when they said. */
  stayUntil?: string;
  /** What the member wrote after 返乡报到, verbatim. */
  text: string;
  sourceKey: string;
  createdAt: string;
  updatedAt: string;
}

export type HomecomingReport = Omit<Homecoming, 'id' | 'createdAt' | 'updatedAt'>;
