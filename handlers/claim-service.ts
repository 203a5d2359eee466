import type { CommandSpec } from '../src/bot/commands';
import type { Context } from '../src/bot/context';
import { dedupeKey } from '../src/bot/incoming-message';
import { formatDeadline } from '../src/time/parse-deadline-text';
import { SERVICE_NAMES, serviceCode, type ServiceItem, type ServiceKind } from '../src/service/service-records';
import { memberItem } from './service-arg';

const STATUS_WORDS = { claimed: '已认领', completed: '已提交完成，等待书记确认', confirmed: '已完成并计分' };

async function answer(ctx: Context, item: ServiceItem, verb: string): Promise<void> {
  const code = serviceCode(item);
  const who = ctx.member!.name;
  const now = ctx.now();
  if (item.deadline && new Date(item.deadline) <= now) {
    await ctx.reply(`${code} 已于 ${formatDeadline(new Date(item.deadline), ctx.settings.timezone)} 截止${verb}。`);
    return;
  }
  const out = await ctx.store.service.claim(item, ctx.member!.id, now, dedupeKey(ctx.message));
  if (out.outcome === 'full') {
    await ctx.reply(
      `抱歉，${who}：${SERVICE_NAMES[item.kind]} ${code}《${item.title}》的 ${item.places} 个名额已满，这次没有${verb}成功。`,
    );
    return;
  }
  if (out.outcome === 'already') {
    const status = out.claim.status === 'cancelled' ? '' : STATUS_WORDS[out.claim.status];
    await ctx.reply(`${who}：你已经${verb}过 ${code}（${status}），不用重复${verb}。`);
    return;
  }
  const held = (await ctx.store.service.listClaims(item.id)).filter((c) => c.status !== 'cancelled').length;
  const where = item.kind === 'activity' ? `\n时间：${item.time ?? ''}，地点：${item.place ?? ''}` : '';
  await ctx.reply(
    `✅ ${who}：已${verb} ${code}《${item.title}》（名额 ${held}/${item.places}）。${where}\n完成后 @我 发送「完成 ${code}」并附照片；有事去不了请发「取消${verb} ${code}」。`,
  );
}

function claimCommand(kind: ServiceKind): CommandSpec {
  const verb = kind === 'wish' ? '认领' : '报名';
  const code = kind === 'wish' ? 'W3' : 'A3';
  return {
    name: verb,
    audience: 'member',
    usage: `${verb} ${kind === 'wish' ? 'W<编号>' : 'A<编号>'}`,
    summary: kind === 'wish' ? '认领一个微心愿（名额有限，先到先得）' : '报名参加志愿活动（名额有限，先到先得）',
    example: `${verb} ${code}`,
    async run(ctx, args) {
      await answer(ctx, await memberItem(ctx, args, kind), verb);
    },
  };
}

export const claimWish = claimCommand('wish');
export const joinActivity = claimCommand('activity');
