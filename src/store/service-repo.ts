import type {
  ClaimOutcome,
  ServiceClaim,
  ServiceItem,
  ServiceItemFields,
  ServiceKind,
} from '../service/service-records';
import type { SubmissionMedia } from '../model';

/**
 * 微心愿 and volunteer activities with their claims. A claim takes one of the item's places atomically: racing
 * claims never hold more places than there are, and a member holds at most one claim per item.
 */
export interface ServiceRepo {
  /** With a `sourceKey` seen before, returns the item that message made. */
  create(fields: ServiceItemFields, now: Date, sourceKey?: string): Promise<ServiceItem>;
  get(id: number): Promise<ServiceItem | undefined>;
  /** Items of these branches, newest first (all branches when `branchIds` is undefined). */
  list(opts?: { branchIds?: number[]; kind?: ServiceKind }): Promise<ServiceItem[]>;
  /**
   * Takes a place for the member: `already` when they hold one (a repeat of the same message finds its own claim
   * as `claimed`), `full` when every place is held. A member who cancelled may claim again.
   */
  claim(item: ServiceItem, memberId: number, now: Date, sourceKey: string): Promise<ClaimOutcome>;
  /** Frees the member's place if the claim is still only claimed; returns the claim as it is now. */
  cancel(itemId: number, memberId: number): Promise<ServiceClaim | undefined>;
  /** Records proof on a claimed (or completed: replaced) claim; undefined when there is no such claim. */
  complete(
    itemId: number,
    memberId: number,
    proof: { note: string; media: SubmissionMedia[] },
    now: Date,
  ): Promise<ServiceClaim | undefined>;
  /** completed → confirmed, once; returns the claim as it is now (undefined when there is none). */
  confirm(itemId: number, memberId: number, by: string, now: Date): Promise<ServiceClaim | undefined>;
  find(itemId: number, memberId: number): Promise<ServiceClaim | undefined>;
  /** Every claim of the item in claim order, cancelled ones included. */
  listClaims(itemId: number): Promise<ServiceClaim[]>;
}
