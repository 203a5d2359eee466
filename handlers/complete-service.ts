import type { CommandSpec } from '../src/bot/commands';
import type { Context } from '../src/bot/context';
import { SERVICE_NAMES, serviceCode, type ServiceItem } from '../src/service/service-records';
import { memberItem, splitCode } from './service-arg';
import { holdKey, materialize } from './submit-proof';

async function record(ctx: Context, item: ServiceItem, note: string): Promise<void> {
  const code = serviceCode(item);
  const before = await ctx.store.service.find(item.id, ctx.member!.id);
  const verb = item.kind === 'wish' ? '认领' : '报名';
  if (!before || before.status === 'cancelled') {
    await ctx.reply(`你还没有${verb} ${code}，请先发送「${verb} ${code}」。`);
    return;
  }
  if (before.status === 'confirmed') {
    await ctx.reply(`${code} 已经由书记确认并计分了，不用再提交。`);
    return;
  }
  const media = await materialize(ctx);
  if (!media) return;
  // A photo sent just before (held for the next message that names what it is for) counts too.
  const held = await ctx.store.pending.take(holdKey(ctx), ctx.now());
  const all = [...held, ...media];
  if (all.length === 0) {
    await ctx.reply(
      `请附上照片作为完成证明：@我 发送「完成 ${code}」时带上照片（可图文一起发），或私聊我先发照片、再发「完成 ${code}」。`,
    );
    return;
  }
  await ctx.store.service.complete(item.id, ctx.member!.id, { note, media: all }, ctx.now());
  const again = before.status === 'completed' ? '（已更新证明）' : '';
  await ctx.reply(
    `📷 ${ctx.member!.name}：已收到 ${SERVICE_NAMES[item.kind]} ${code}《${item.title}》的完成证明${again}，共 ${all.length} 个附件，等待支部书记确认后记 ${item.points} 分奉献积分。`,
  );
}

export const completeService: CommandSpec = {
  name: '完成',
  audience: 'member',
  usage: '完成 W<编号>|A<编号> [说明]，并附照片',
  summary: '提交微心愿或志愿活动的完成证明（带照片），书记确认后计奉献积分',
  example: '完成 W3 已把收音机送到王奶奶家',
  async run(ctx, args, raw) {
    const item = await memberItem(ctx, args);
    await record(ctx, item, splitCode(raw).rest);
  },
};
