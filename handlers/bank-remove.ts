import { UsageError, scopeBranch, type CommandSpec } from '../src/bot/commands';

/** `删除题库 <序号>`: the number is the one `题库` shows before each waiting item. */
export const bankRemove: CommandSpec = {
  name: '删除题库',
  audience: 'secretary',
  usage: '删除题库 <序号>',
  summary: '从题库删除一个还没推送的任务（序号见「题库」）',
  example: '删除题库 2',
  async run(ctx, args) {
    const n = Number(/^(\d{1,4})$/.exec(args.replace(/^[#＃]/, ''))?.[1]);
    if (!Number.isInteger(n) || n < 1) throw new UsageError('缺少序号，发送「题库」可查看每个任务前的序号');
    const branchId = (await scopeBranch(ctx))!;
    const pending = (await ctx.store.jobs.bank.list(branchId)).filter((i) => i.taskId === undefined);
    const item = pending[n - 1];
    if (!item) throw new UsageError(`题库里没有第 ${n} 个待推送的任务（共 ${pending.length} 个）`);
    if (!(await ctx.store.jobs.bank.remove(item.id))) {
      await ctx.reply(
        `《${item.title}》正在推送或已推送，不能从题库删除；如需撤回已发布的任务，请用：撤销任务 #任务号`,
      );
      return;
    }
    await ctx.store.audit.record(
      {
        actor: ctx.identity,
        action: 'bank.remove',
        subject: `bank:${item.id}`,
        detail: { branchId, title: item.title },
      },
      ctx.now(),
    );
    await ctx.reply(`✅ 已从题库删除第 ${n} 个：《${item.title}》。题库还有 ${pending.length - 1} 个待推送。`);
  },
};
