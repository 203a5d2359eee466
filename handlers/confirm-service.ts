import { UsageError, type CommandSpec } from '../src/bot/commands';
import type { Context } from '../src/bot/context';
import type { Member } from '../src/model';
import { bookService } from '../src/points/ledger';
import { serviceCode, type ServiceClaim, type ServiceItem } from '../src/service/service-records';
import { managedItem, splitCode } from './service-arg';

interface Named {
  claim: ServiceClaim;
  member: Member;
}

/** The claims a secretary names: `全部` (every completed one), a name, or a member number. */
async function namedClaims(ctx: Context, item: ServiceItem, who: string): Promise<Named[]> {
  const code = serviceCode(item);
  if (!who) throw new UsageError(`缺少姓名，例如：确认 ${code} 张三，或：确认 ${code} 全部`);
  const claims = (await ctx.store.service.listClaims(item.id)).filter((c) => c.status !== 'cancelled');
  const named: Named[] = [];
  for (const claim of claims) {
    const member = (await ctx.store.members.get(claim.memberId))!;
    if (who === '全部' ? claim.status !== 'claimed' : member.name === who || String(member.id) === who)
      named.push({ claim, member });
  }
  if (named.length === 0 && who !== '全部') throw new UsageError(`${code} 没有「${who}」的认领或报名`);
  if (named.length > 1 && who !== '全部')
    throw new UsageError(
      `${code} 有 ${named.length} 位「${who}」，请写编号：${named.map((n) => n.member.id).join('、')}`,
    );
  return named;
}

/** Confirms one claim and books its 奉献 points; a claim confirmed before is booked again only if it never was. */
async function confirmOne(ctx: Context, item: ServiceItem, { claim, member }: Named): Promise<string> {
  if (claim.status === 'claimed') return `${member.name}：还没有提交完成证明，暂不能确认`;
  const now = ctx.now();
  const confirmed = await ctx.store.service.confirm(item.id, member.id, ctx.identity, now);
  const entry = await bookService(ctx.store, item, confirmed!, ctx.identity, now);
  if (!entry && claim.status === 'confirmed') return `${member.name}：之前已确认，积分不重复计算`;
  return `${member.name}：已确认，+${item.points} 分（奉献）`;
}

export const confirmService: CommandSpec = {
  name: '确认',
  audience: 'secretary',
  usage: '确认 W<编号>|A<编号> <姓名>|全部',
  summary: '确认党员完成了微心愿或志愿活动，记入奉献积分',
  example: '确认 A3 张三',
  async run(ctx, args) {
    const item = await managedItem(ctx, args);
    const named = await namedClaims(ctx, item, splitCode(args).rest);
    if (named.length === 0) {
      await ctx.reply(`${serviceCode(item)} 还没有人提交完成证明。`);
      return;
    }
    const lines = [];
    for (const n of named) lines.push(await confirmOne(ctx, item, n));
    await ctx.reply(`${serviceCode(item)}《${item.title}》\n${lines.join('\n')}`);
  },
};
