import { UsageError, type CommandSpec } from '../src/bot/commands';
import type { Context } from '../src/bot/context';
import { describeProof } from '../src/tasks/proof';
import { pointsText, reviewSubmission } from '../src/tasks/review-submission';
import { managedTask } from './task-arg';
import { heldReasons } from '../src/reports/review-queue';

export const reviewList: CommandSpec = {
  name: '审核',
  audience: 'secretary',
  usage: '审核 #<任务号>',
  summary: '查看待审核的提交和存疑的原因（图片重复、日期早于任务、心得雷同等），再用 通过/驳回 处理',
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
      const reasons = (await heldReasons(ctx.store, s)).map((r) => `  · ${r}`);
      lines.push(`S${s.id} ${member?.name ?? '?'}：${describeProof(s)}\n${reasons.join('\n')}`);
    }
    await ctx.reply(
      `任务 #${task.id} 待审核 ${flagged.length} 条：\n${lines.join('\n')}\n处理：通过 S<提交号> 或 驳回 S<提交号> <理由>`,
    );
  },
};

function decide(verdict: '通过' | '驳回'): CommandSpec {
  return {
    name: verdict,
    audience: 'secretary',
    usage: verdict === '通过' ? '通过 <提交号> [理由]' : '驳回 <提交号> <理由>',
    summary: verdict === '通过' ? '审核通过一条提交并计分' : '驳回一条提交（已计的分用更正记录扣回）',
    example: verdict === '通过' ? '通过 S35' : '驳回 S35 图片与任务无关',
    async run(ctx: Context, args: string, raw: string) {
      const m = /^S?(\d+)\s*(.*)$/is.exec(args);
      if (!m) throw new UsageError('缺少提交号，例如 S35（在「审核 #任务号」里可以看到）');
      // The reason reaches the member exactly as the secretary wrote it.
      const reason = raw.replace(/^[SsＳｓ]?[0-9０-９]+\s*/u, '').trim();
      if (verdict === '驳回' && !reason) throw new UsageError('驳回需要写明理由');
      const submission = await ctx.store.submissions.get(Number(m[1]));
      const task = submission && (await managedTask(ctx, `#${submission.taskId}`).catch(() => undefined));
      if (!submission || !task) throw new UsageError(`没有找到本支部的提交 S${m[1]}`);
      const verdictKey = verdict === '通过' ? 'approve' : 'reject';
      if (submission.status === (verdictKey === 'approve' ? 'accepted' : 'rejected')) {
        const why = submission.reviewNote ? `（理由：${submission.reviewNote}）` : '';
        await ctx.reply(`S${submission.id} 已经是${verdict}状态${why}，这次没有改动，也没有再通知党员。`);
        return;
      }
      const { delta, notice } = await reviewSubmission(ctx.store, {
        task,
        submission,
        verdict: verdictKey,
        reason,
        actor: ctx.identity,
        now: ctx.now(),
        via: 'chat',
      });
      const member = await ctx.store.members.get(submission.memberId);
      await ctx.reply(
        `已${verdict} S${submission.id}（${member?.name ?? ''}，任务 #${task.id}）${pointsText(delta)}。`,
      );
      if (notice) await ctx.send(notice.target, notice.text);
    },
  };
}

export const approve = decide('通过');
export const reject = decide('驳回');
