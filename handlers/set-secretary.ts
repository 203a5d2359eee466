import { UsageError, scopeBranch, type CommandSpec } from '../src/bot/commands';
import { findBranchMember, privateTarget } from '../src/members/members';
import { revokeMemberSessions } from '../src/members/bind-identity';

export const setSecretary: CommandSpec = {
  name: '设为书记',
  audience: 'admin',
  usage: '设为书记 <姓名>',
  summary: '把本支部一名已报到的党员设为支部书记',
  example: '设为书记 李四',
  async run(ctx, args) {
    const name = args.trim();
    if (!name) throw new UsageError('缺少姓名');
    const branchId = await scopeBranch(ctx);
    if (branchId === undefined) throw new UsageError('请在已绑定支部的群里发送（先用：绑定支部 <支部名> 流出|流入）');
    const found = await findBranchMember(ctx.store, branchId, name);
    if (found.kind === 'none') throw new UsageError(`本支部还没有「${name}」的报到记录，请先让其在本群 @我 报到`);
    if (found.kind === 'many')
      throw new UsageError(`本支部有 ${found.members.length} 位党员叫「${name}」，请在管理后台按编号设置`);
    const now = ctx.now();
    await ctx.store.roles.grant(
      { role: 'secretary', memberId: found.member.id, branchId, grantedBy: ctx.identity },
      now,
    );
    await revokeMemberSessions(ctx.store, found.member.id, now);
    await ctx.store.audit.record(
      {
        actor: ctx.identity,
        action: 'role.grant',
        subject: `member:${found.member.id}`,
        detail: { role: 'secretary', branchId },
      },
      now,
    );
    const branch = await ctx.store.branches.get(branchId);
    await ctx.reply(`✅ 已设${found.member.name}为「${branch?.name}」支部书记。`);
    const target = await privateTarget(ctx.store, found.member.id, ctx.message.platform);
    if (target) await ctx.send(target, `你已被设为「${branch?.name}」支部书记。发送「帮助」可查看书记命令。`);
  },
};
