import { UsageError, type CommandSpec } from '../src/bot/commands';
import { PushTargetError } from '../src/outbox/push-targets';

const OFF = new Set(['关闭', '取消', '删除']);

/**
 * 「设置推送」: stores the group's push robot (e.g. a WeCom group robot key) on the chat, so scheduled posts,
 * reminders and rankings reach the group without a member's message to answer. The platform reads the input.
 */
export const setPush: CommandSpec = {
  name: '设置推送',
  audience: 'secretary',
  usage: '设置推送 <key或完整地址>（取消：设置推送 关闭）',
  summary: '为本群设置群机器人推送，定时任务、提醒和排名经它发到本群',
  example: '设置推送 693a91f6-7c3e-4bc4-97a0-0ec2e1f5aaa1',
  async run(ctx, args) {
    if (!ctx.isGroup) throw new UsageError('请在要接收推送的群里发送这个命令');
    const { platform, chatId } = ctx.message;
    const input = args.trim();
    if (!input) throw new UsageError('缺少群机器人的 key 或完整地址');
    const now = ctx.now();
    if (OFF.has(input)) {
      await ctx.store.chats.setPush(platform, chatId, undefined);
      await ctx.store.audit.record(
        { actor: ctx.identity, action: 'chat.push.clear', subject: `${platform}:${chatId}` },
        now,
      );
      await ctx.reply('✅ 已取消本群的推送设置。');
      return;
    }
    const parser = ctx.services.pushTargets.get(platform);
    if (!parser) {
      await ctx.reply('这个平台暂不支持「设置推送」。');
      return;
    }
    let parsed;
    try {
      parsed = parser.parse(input, ctx.chat?.push);
    } catch (err) {
      if (err instanceof PushTargetError) throw new UsageError(err.message);
      throw err;
    }
    await ctx.store.chats.setPush(platform, chatId, parsed.push);
    await ctx.store.audit.record(
      {
        actor: ctx.identity,
        action: 'chat.push.set',
        subject: `${platform}:${chatId}`,
        detail: { summary: parsed.summary },
      },
      now,
    );
    await ctx.reply(
      `✅ 已设置本群推送（${parsed.summary}）。之后的任务、提醒和排名会经它发到本群，每分钟最多 20 条，超出的排队发送。\n提示：key 相当于密码，请勿转发到其他群。`,
    );
  },
};
