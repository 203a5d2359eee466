import type { CommandSpec } from '../src/bot/commands';
import { postToBranchGroups } from './branch-groups';
import { reverseTaskPoints } from '../src/tasks/task-lifecycle';
import { managedTask } from './task-arg';

/** `撤销任务 #n [理由]`: the task leaves lists, reminders and rankings; points it earned are taken back by new entries. */
export const withdrawTask: CommandSpec = {
  name: '撤销任务',
  audience: 'secretary',
  usage: '撤销任务 #<任务号> [理由]',
  summary: '撤销发错或重复的任务（已计的积分用更正记录扣回）',
  example: '撤销任务 #12 重复发布',
  async run(ctx, args, raw) {
    const task = await managedTask(ctx, args, { withdrawn: true });
    const reason = raw.replace(/^[#＃]?\s*[0-9０-９]+\s*/u, '').trim();
    const now = ctx.now();
    const withdrawn = await ctx.store.tasks.withdraw(task.id, reason || undefined, now);
    if (!withdrawn) {
      // Withdrawn before (or by this very message, handled again after a crash): settling books only what is missing.
      await reverseTaskPoints(
        ctx.store,
        { ...task, withdrawnAt: task.withdrawnAt ?? now.toISOString() },
        ctx.identity,
        now,
      );
      await ctx.reply(`任务 #${task.id} 已经撤销了，没有再做改动。`);
      return;
    }
    const reversed = await reverseTaskPoints(ctx.store, withdrawn, ctx.identity, now);
    await ctx.store.audit.record(
      { actor: ctx.identity, action: 'task.withdraw', subject: `task:${task.id}`, detail: { reason, ...reversed } },
      now,
    );
    const why = reason ? `，理由：${reason}` : '';
    const notice = `🚫 任务 #${task.id}《${task.title}》已撤销${why}。无需再提交${reversed.members ? '；已计的积分已扣回' : ''}。`;
    await ctx.reply(
      `${notice}${reversed.members ? `\n（已为 ${reversed.members} 人扣回共 ${reversed.points} 分，记入积分台账。）` : ''}`,
    );
    await postToBranchGroups(ctx, task.branchId, notice);
  },
};
