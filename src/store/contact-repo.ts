import type { Contact, ContactRecord, Homecoming, HomecomingReport } from '../contacts/contact';

export interface ContactFilter {
  /** Only these members' contacts; an empty list matches nothing. */
  memberIds?: number[];
  /** createdAt in [from, to) (ISO). */
  from?: string;
  to?: string;
}

export interface HomecomingFilter {
  /** Only reports to these branches; an empty list matches nothing. */
  branchIds?: number[];
  season?: string;
}

/** Talks and visits (谈话/走访) and Spring Festival homecomings (返乡报到). */
export interface ContactRepo {
  /** Records a contact; with a `sourceKey` seen before it returns that one and `created: false`. */
  record(input: ContactRecord, now: Date): Promise<{ contact: Contact; created: boolean }>;
  /** Newest first. */
  list(filter?: ContactFilter): Promise<Contact[]>;
  /**
   * One report per member and season: the first creates it, a later one replaces `stayUntil`, `text` and
   * `sourceKey` (`created: false`); the same `sourceKey` again changes nothing.
   */
  reportHome(input: HomecomingReport, now: Date): Promise<{ homecoming: Homecoming; created: boolean }>;
  /** Newest report first. */
  listHome(filter?: HomecomingFilter): Promise<Homecoming[]>;
}
