import { UsageError, scopeBranch, type CommandSpec } from '../src/bot/commands';
import type { Context } from '../src/bot/context';
import { findBranchMember } from '../src/members/members';
import { dedupeKey } from '../src/bot/incoming-message';
import { bookManual } from '../src/points/ledger';

const MAX_ADJUST = 100;

function adjust(sign: 1 | -1, name: '加分' | '扣分'): CommandSpec {
  return {
    name,
    audience: 'secretary',
    usage: `${name} <姓名> <分值> <理由>`,
    summary: sign > 0 ? '为志愿服务、认领微心愿等加分（记入积分台账）' : '扣分（记入积分台账，写明理由）',
    example: `${name} 张三 5 ${sign > 0 ? '参加社区志愿服务' : '多次未参加组织生活'}`,
    async run(ctx: Context, args: string, raw: string) {
      const [who, amount] = args.split(/\s+/).filter(Boolean);
      const reason = /^\S+\s+\S+\s+([\s\S]*)$/u.exec(raw)?.[1].trim() ?? '';
      if (!who) throw new UsageError('缺少姓名');
      const points = Number(amount);
      if (!Number.isInteger(points) || points <= 0 || points > MAX_ADJUST)
        throw new UsageError(`分值应为 1–${MAX_ADJUST} 的整数，你写的是「${amount ?? ''}」`);
      if (!reason) throw new UsageError('缺少理由（积分台账每一笔都要写明理由）');
      const branchId = (await scopeBranch(ctx))!;
      const found = await findBranchMember(ctx.store, branchId, who);
      if (found.kind === 'none') throw new UsageError(`本支部没有名叫「${who}」的党员`);
      if (found.kind === 'many')
        throw new UsageError(`本支部有 ${found.members.length} 位党员叫「${who}」，请在管理后台按编号操作`);
      const now = ctx.now();
      const entry = await bookManual(
        ctx.store,
        `manual:${dedupeKey(ctx.message)}`,
        {
          memberId: found.member.id,
          delta: sign * points,
          reason,
          kind: 'manual',
          branchId,
          actor: ctx.identity,
        },
        now,
      );
      if (!entry) return;
      await ctx.store.audit.record(
        {
          actor: ctx.identity,
          action: `points.${sign > 0 ? 'add' : 'deduct'}`,
          subject: `member:${found.member.id}`,
          detail: { points, reason },
        },
        now,
      );
      await ctx.reply(`✅ 已为${found.member.name}${name} ${points} 分，理由：${reason}。`);
    },
  };
}

export const addPoints = adjust(1, '加分');
export const deductPoints = adjust(-1, '扣分');
