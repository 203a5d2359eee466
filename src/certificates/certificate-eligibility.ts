import type { Member } from '../model';
import { monthsAway, TRANSFER_MONTHS } from '../members/membership-rules';

export type Eligibility = { ok: true; months: number } | { ok: false; reason: string };

/**
 * A 流动党员证明 is for an active member away less than TRANSFER_MONTHS: at six months and more the membership is
 * transferred instead (组织关系转接), so no certificate is issued.
 */
export function certificateEligibility(member: Member, now: Date, tz: string): Eligibility {
  if (member.status !== 'active')
    return { ok: false, reason: `${member.name}的党员状态不是「正常」，不能开具流动党员证明` };
  if (!member.departureMonth)
    return { ok: false, reason: `${member.name}的档案没有外出时间，请先在管理后台填写外出时间（YYYY-MM）再开具` };
  const months = Math.max(0, monthsAway(member.departureMonth, now, tz));
  if (months >= TRANSFER_MONTHS)
    return {
      ok: false,
      reason: `${member.name}已外出 ${months} 个月（满 ${TRANSFER_MONTHS} 个月），应办理组织关系转接，不再开具流动党员证明`,
    };
  return { ok: true, months };
}
