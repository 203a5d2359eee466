import type { CommandSpec } from '../src/bot/commands';
import { serviceCode, type ServiceKind } from '../src/service/service-records';
import { memberItem } from './service-arg';

function cancelCommand(kind: ServiceKind): CommandSpec {
  const verb = kind === 'wish' ? '认领' : '报名';
  return {
    name: `取消${verb}`,
    audience: 'member',
    usage: `取消${verb} ${kind === 'wish' ? 'W<编号>' : 'A<编号>'}`,
    summary: `取消自己的${verb}，把名额让给别人（已提交完成的不能取消）`,
    example: `取消${verb} ${kind === 'wish' ? 'W3' : 'A3'}`,
    async run(ctx, args) {
      const item = await memberItem(ctx, args, kind);
      const code = serviceCode(item);
      const before = await ctx.store.service.find(item.id, ctx.member!.id);
      if (!before || before.status === 'cancelled') {
        await ctx.reply(`你没有${verb} ${code}，不需要取消。`);
        return;
      }
      if (before.status !== 'claimed') {
        await ctx.reply(`你已经提交了 ${code} 的完成证明，不能再取消；如有问题请联系支部书记。`);
        return;
      }
      await ctx.store.service.cancel(item.id, ctx.member!.id);
      await ctx.reply(`已取消${verb} ${code}《${item.title}》，名额已让出。`);
    },
  };
}

export const cancelWish = cancelCommand('wish');
export const cancelActivity = cancelCommand('activity');
