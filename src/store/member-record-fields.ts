import type { MemberFields } from '../model';

/**
 * The fields of a member record that `members.create`/`update` write, in every adapter: anything else in a partial
 * update (an id, a timestamp, a stray key from a form) is left out.
 */
export const MEMBER_RECORD_FIELDS: ReadonlySet<string> = new Set<keyof MemberFields>([
  'name',
  'gender',
  'birthMonth',
  'education',
  'phone',
  'joinedPartyMonth',
  'occupation',
  'employer',
  'departureMonth',
  'destProvince',
  'destCity',
  'familyNote',
  'certificateStatus',
  'status',
  'homeBranchId',
  'hostBranchId',
  'lastSeenAt',
]);
