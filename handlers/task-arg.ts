import { UsageError, scopeBranch } from '../src/bot/commands';
import type { Context } from '../src/bot/context';
import type { Task } from '../src/model';
import { canManage } from '../src/members/roles';
import { extractTaskCodes } from '../src/text/normalize-text';

/** `#12`, or a bare `12` at the start of the arguments (`统计 4`: the # is what people forget). */
export function taskCodeOf(args: string): number | undefined {
  const [code] = extractTaskCodes(args);
  if (code !== undefined) return code;
  const bare = /^(\d{1,7})(?!\d)/.exec(args);
  return bare ? Number(bare[1]) : undefined;
}

/** Reads `#<code>` from a secretary command and returns the task if it belongs to a branch they run. */
export async function managedTask(ctx: Context, args: string, opts: { withdrawn?: boolean } = {}): Promise<Task> {
  const code = taskCodeOf(args);
  if (code === undefined) throw new UsageError('缺少任务号，例如 #12');
  const task = await ctx.store.tasks.get(code);
  const roles = await ctx.roles();
  const scope = await scopeBranch(ctx);
  if (!task || !canManage(roles, task.branchId) || (scope !== undefined && task.branchId !== scope && !roles.admin)) {
    throw new UsageError(`没有找到本支部的任务 #${code}，发送「任务」可查看任务号`);
  }
  if (task.withdrawnAt && !opts.withdrawn) throw new UsageError(`任务 #${code}《${task.title}》已经撤销了`);
  return task;
}
