import type { Context } from '../bot/context';
import { dedupeKey } from '../bot/incoming-message';
import { maskPhone, secretaryTargets } from './members';
import type { Branch, Member } from '../model';
import { formatPlace } from './places';
import { localDate } from '../time/zoned-time';

export const KIND_NAMES = { home: '流出地', host: '流入地' } as const;

export interface CompletedCheckIn {
  receipt: string;
  /** The answer for the person who checked in. */
  text: string;
}

async function notifyOtherBranch(ctx: Context, member: Member, branch: Branch, receipt: string): Promise<boolean> {
  const otherId = branch.kind === 'home' ? member.hostBranchId : member.homeBranchId;
  if (otherId === undefined || otherId === branch.id) return false;
  const place = formatPlace({ province: member.destProvince, city: member.destCity });
  const text = `📋 双报提醒：党员${member.name}已在「${branch.name}」（${KIND_NAMES[branch.kind]}）报到，回执号 ${receipt}${place ? `，流入地：${place}` : ''}。`;
  const secretaries = await secretaryTargets(ctx.store, otherId, ctx.message.platform);
  for (const { target } of secretaries) await ctx.send(target, text);
  return secretaries.length > 0;
}

/**
 * Records a proven check-in of `member` at `branch` (the member is already bound to `identity`): the check-in row,
 * its receipt, the audit line and the 双报 notice to the other branch. Used by 报到 itself and by 确认报到.
 */
export async function completeCheckIn(
  ctx: Context,
  input: { member: Member; branch: Branch; identity: string; phone?: string; via: string },
): Promise<CompletedCheckIn> {
  const { member, branch } = input;
  const now = ctx.now();
  // Keyed by the message: handling it again after a crash finds the same check-in and receipt.
  const key = dedupeKey(ctx.message);
  const record = await ctx.store.checkIns.record(
    { memberId: member.id, branchId: branch.id, identity: input.identity },
    now,
    key,
  );
  const receipt = `BD${localDate(now, ctx.settings.timezone).replace(/-/g, '')}${String(record.id).padStart(4, '0')}`;
  await ctx.store.audit.record(
    {
      actor: ctx.identity,
      action: 'check-in',
      subject: `member:${member.id}`,
      detail: { branchId: branch.id, receipt, identity: input.identity, via: input.via },
    },
    now,
    key,
  );
  const notified = await notifyOtherBranch(ctx, member, branch, receipt);
  const place = formatPlace({ province: member.destProvince, city: member.destCity });
  const other = branch.kind === 'home' ? '流入地' : '流出地';
  const text = [
    `✅ ${member.name} 报到成功！已登记到「${branch.name}」（${KIND_NAMES[branch.kind]}党组织）。`,
    `回执号：${receipt}`,
    place ? `流入地：${place}` : '',
    input.phone ? `联系电话：${maskPhone(input.phone)}` : '',
    notified ? `已通知${other}支部书记（双报）。` : `请记得在${other}支部群里也报到（双报）。`,
  ]
    .filter(Boolean)
    .join('\n');
  return { receipt, text };
}

/** The member fields a check-in at `branch` sets: what was written, plus the branch as home or host. */
export function checkInUpdate<T extends object>(
  fields: T,
  name: string,
  branch: Branch | undefined,
): T & { name: string; homeBranchId?: number; hostBranchId?: number } {
  const branchField = branch && (branch.kind === 'home' ? { homeBranchId: branch.id } : { hostBranchId: branch.id });
  return { ...fields, name, ...branchField };
}
