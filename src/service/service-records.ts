/**
 * 奉献 (service) records: a 微心愿 (wish, W<n>) from a family or villager, or a volunteer activity (A<n>) with places
 * members claim. Times are ISO strings (UTC); what the secretary wrote is kept verbatim.
 */
import type { SubmissionMedia } from '../model';

export type ServiceKind = 'wish' | 'activity';

export interface ServiceItem {
  id: number;
  kind: ServiceKind;
  branchId: number;
  /** The wish's text or the activity's title, as written. */
  title: string;
  /** The whole message after the command word, verbatim. */
  content: string;
  places: number;
  points: number;
  /** 时间 and 地点 of an activity, as written. */
  time?: string;
  place?: string;
  /** 截止: after it nobody can claim. */
  deadline?: string;
  createdBy: string;
  createdAt: string;
  /** Dedupe key of the message that published it. */
  sourceKey?: string;
}

export type ServiceItemFields = Omit<ServiceItem, 'id' | 'createdAt' | 'sourceKey'>;

/** claimed → completed (proof sent) → confirmed (points booked); cancelled frees the place. */
export type ServiceClaimStatus = 'claimed' | 'cancelled' | 'completed' | 'confirmed';

export interface ServiceClaim {
  id: number;
  itemId: number;
  memberId: number;
  status: ServiceClaimStatus;
  /** The place held, 1..places; a cancelled claim holds none (its slot is minus its id, unique and never a place). */
  slot: number;
  note?: string;
  media: SubmissionMedia[];
  claimedAt: string;
  completedAt?: string;
  confirmedAt?: string;
  confirmedBy?: string;
  /** Dedupe key of the message that made the claim (handling it again finds this claim). */
  sourceKey: string;
}

export type ClaimOutcome =
  { outcome: 'claimed'; claim: ServiceClaim } | { outcome: 'already'; claim: ServiceClaim } | { outcome: 'full' };

export const SERVICE_PREFIX: Record<ServiceKind, string> = { wish: 'W', activity: 'A' };
export const SERVICE_NAMES: Record<ServiceKind, string> = { wish: '微心愿', activity: '志愿活动' };

export const serviceCode = (item: Pick<ServiceItem, 'kind' | 'id'>) => `${SERVICE_PREFIX[item.kind]}${item.id}`;

/** Claims that hold a place (not cancelled). */
export const holdsPlace = (c: ServiceClaim) => c.status !== 'cancelled';
