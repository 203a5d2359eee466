import type { Roles } from '../members/roles';
import type { HelpCase } from './help-case';

/** Who may answer, transfer, close or re-categorize a case: admins, its assignee, secretaries of its branches. */
export function canHandleCase(roles: Roles, memberId: number | undefined, helpCase: HelpCase): boolean {
  if (roles.admin) return true;
  if (memberId !== undefined && memberId === helpCase.assigneeId) return true;
  return [helpCase.homeBranchId, helpCase.hostBranchId].some((b) => b !== undefined && roles.secretaryOf.has(b));
}

/** The branches whose cases a secretary sees in 求助列表 (undefined = all, for admins). */
export function caseScope(roles: Roles): number[] | undefined {
  return roles.admin ? undefined : [...roles.secretaryOf];
}
