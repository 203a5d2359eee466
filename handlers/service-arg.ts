import { UsageError, scopeBranch } from '../src/bot/commands';
import type { Context } from '../src/bot/context';
import { canManage } from '../src/members/roles';
import { parseServiceCode } from '../src/service/service-spec';
import { SERVICE_PREFIX, type ServiceItem, type ServiceKind } from '../src/service/service-records';
import { branchesInScope } from './member-branches';

const EXAMPLE: Record<ServiceKind, string> = { wish: 'W3', activity: 'A3' };

/** The code word at the start of the arguments and what follows it. */
export function splitCode(args: string): { code: string; rest: string } {
  const m = /^([A-Za-zＡ-Ｚａ-ｚ]\s?[0-9０-９]+)\s*([\s\S]*)$/u.exec(args.trim());
  return m ? { code: m[1], rest: m[2].trim() } : { code: args.trim().split(/\s+/)[0] ?? '', rest: '' };
}

/** Reads a code a member acts on (`W3`, or `A3` when `kind` is given) and returns the item of one of their branches. */
export async function memberItem(ctx: Context, args: string, kind?: ServiceKind): Promise<ServiceItem> {
  const code = parseServiceCode(splitCode(args).code);
  const wanted = kind ? `${SERVICE_PREFIX[kind]}编号，例如 ${EXAMPLE[kind]}` : '编号，例如 W3 或 A3';
  if (!code || (kind && code.kind !== kind)) throw new UsageError(`缺少${wanted}`);
  const item = await ctx.store.service.get(code.id);
  const shown = `${SERVICE_PREFIX[code.kind]}${code.id}`;
  const own = [ctx.member?.homeBranchId, ctx.member?.hostBranchId];
  // Only the item's own branch members take its places, asked in its group or 1:1.
  if (!item || item.kind !== code.kind || !branchesInScope(ctx).includes(item.branchId) || !own.includes(item.branchId))
    throw new UsageError(`没有找到本支部的 ${shown}，发送「活动」可查看微心愿和志愿活动`);
  return item;
}

/** Reads a code from a secretary command and returns the item if it belongs to a branch they run here. */
export async function managedItem(ctx: Context, args: string): Promise<ServiceItem> {
  const code = parseServiceCode(splitCode(args).code);
  if (!code) throw new UsageError('缺少编号，例如 W3 或 A3');
  const item = await ctx.store.service.get(code.id);
  const roles = await ctx.roles();
  const scope = await scopeBranch(ctx);
  if (
    !item ||
    item.kind !== code.kind ||
    !canManage(roles, item.branchId) ||
    (scope !== undefined && item.branchId !== scope && !roles.admin)
  )
    throw new UsageError(`没有找到本支部的 ${SERVICE_PREFIX[code.kind]}${code.id}`);
  return item;
}
