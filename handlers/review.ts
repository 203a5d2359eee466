import { UsageError, type CommandSpec } from '../src/core/commands';
import type { Context } from '../src/core/context';
import { award, describeProof, revoke } from '../src/core/proof';
import { managedTask } from './task-arg';
import { privateTarget } from '../src/core/members';

export const reviewList: CommandSpec = {
  name: '审核',
  audience: 'secretary',
  usage: '审核 #<任务号>',
  summary: '查看待审核的提交（如图片重复），再用 通过/驳回 处理',
  example: '审核 #12',
  async run(ctx, args) {
    const task = await managedTask(ctx, args);
    const flagged = (await ctx.store.submissions.listByTask(task.id)).filter((s) => s.status === 'flagged');
    if (flagged.length === 0) {
      await ctx.reply(`任务 #${task.id} 没有待审核的提交。`);
      return;
    }
    const lines = [];
    for (const s of flagged) {
      const member = await ctx.store.members.get(s.memberId);
      lines.push(`S${s.id} ${member?.name ?? '?'}：${describeProof(s)}（图片与其他提交重复）`);
    }
    await ctx.reply(`任务 #${task.id} 待审核 ${flagged.length} 条：\n${lines.join('\n')}\n处理：通过 S<提交号> 或 驳回 S<提交号> <理由>`);
  },
};

function decide(verdict: '通过' | '驳回'): CommandSpec {
  return {
    name: verdict,
    audience: 'secretary',
    usage: verdict === '通过' ? '通过 <提交号> [理由]' : '驳回 <提交号> <理由>',
    summary: verdict === '通过' ? '审核通过一条提交并计分' : '驳回一条提交（已计的分用更正记录扣回）',
    example: verdict === '通过' ? '通过 S35' : '驳回 S35 图片与任务无关',
    async run(ctx: Context, args: string) {
      const m = /^S?(\d+)\s*(.*)$/i.exec(args);
      if (!m) throw new UsageError('缺少提交号，例如 S35（在「审核 #任务号」里可以看到）');
      const reason = m[2].trim();
      if (verdict === '驳回' && !reason) throw new UsageError('驳回需要写明理由');
      const submission = await ctx.store.submissions.get(Number(m[1]));
      const task = submission && (await managedTask(ctx, `#${submission.taskId}`).catch(() => undefined));
      if (!submission || !task) throw new UsageError(`没有找到本支部的提交 S${m[1]}`);
      const now = ctx.now();
      await ctx.store.submissions.setStatus(submission.id, verdict === '通过' ? 'accepted' : 'rejected', reason || undefined, now);
      const delta = verdict === '通过'
        ? await award(ctx.store, task, submission, ctx.identity, now)
        : await revoke(ctx.store, task, submission, ctx.identity, reason, now);
      await ctx.store.audit.record({ actor: ctx.identity, action: `submission.${verdict === '通过' ? 'approve' : 'reject'}`, subject: `submission:${submission.id}`, detail: { reason } }, now);
      const member = await ctx.store.members.get(submission.memberId);
      const points = delta ? `，积分 ${delta > 0 ? '+' : ''}${delta}` : '';
      await ctx.reply(`已${verdict} S${submission.id}（${member?.name ?? ''}，任务 #${task.id}）${points}。`);
      const target = member && (await privateTarget(ctx.store, member.id, ctx.message.platform));
      if (target) await ctx.send(target, `你在任务 #${task.id} 的提交 S${submission.id} 已审核${verdict}${reason ? `：${reason}` : ''}${points}。${verdict === '驳回' ? '可重新提交证明。' : ''}`);
    },
  };
}

export const approve = decide('通过');
export const reject = decide('驳回');
