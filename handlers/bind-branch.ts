import { UsageError, type CommandSpec } from '../src/bot/commands';
import type { BranchKind } from '../src/model';
import { parseFields } from '../src/text/parse-fields';

const KINDS: Record<string, BranchKind> = { 流出: 'home', 流出地: 'home', 流入: 'host', 流入地: 'host' };

export const bindBranch: CommandSpec = {
  name: '绑定支部',
  audience: 'admin',
  usage: '绑定支部 <支部名> [流出|流入] [乡镇：<上级党委>]',
  summary: '把本群绑定到一个支部（支部不存在时新建）',
  example: '绑定支部 广州流动党员党支部 流入',
  async run(ctx, args) {
    if (!ctx.isGroup) throw new UsageError('请在支部的群聊里发送这个命令');
    const { head, fields, unknown } = parseFields(args, ['乡镇']);
    if (unknown.length) throw new UsageError(`不认识的字段「${unknown[0]}」，可用字段：乡镇`);
    const words = head.split(/\s+/).filter(Boolean);
    const kindWord = words.length > 1 && KINDS[words[words.length - 1]] ? words.pop()! : undefined;
    const name = words.join('');
    if (!name) throw new UsageError('缺少支部名');
    if (name.length > 40) throw new UsageError('支部名太长（最多 40 个字）');
    if (words.length > 1 && !kindWord)
      throw new UsageError(`「${words[words.length - 1]}」不是支部类型，可选：流出、流入`);
    const now = ctx.now();
    let branch = await ctx.store.branches.findByName(name);
    if (branch && kindWord && branch.kind !== KINDS[kindWord]) {
      throw new UsageError(
        `支部「${name}」已登记为${branch.kind === 'home' ? '流出地' : '流入地'}支部，不能改为${kindWord}`,
      );
    }
    branch ??= await ctx.store.branches.create(
      { name, kind: kindWord ? KINDS[kindWord] : 'home', township: fields.get('乡镇') },
      now,
    );
    await ctx.store.chats.bindBranch(ctx.message.platform, ctx.message.chatId, branch.id);
    await ctx.store.audit.record(
      {
        actor: ctx.identity,
        action: 'chat.bind',
        subject: `${ctx.message.platform}:${ctx.message.chatId}`,
        detail: { branchId: branch.id },
      },
      now,
    );
    await ctx.reply(
      `✅ 本群已绑定「${branch.name}」（${branch.kind === 'home' ? '流出地' : '流入地'}支部）。党员可以在群里 @我 发送：报到 <姓名> <流入地>`,
    );
  },
};
