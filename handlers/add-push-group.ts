import { createHash } from 'node:crypto';
import { UsageError, scopeBranch, type CommandSpec } from '../src/bot/commands';
import { PushTargetError } from '../src/outbox/push-targets';

const OFF = new Set(['关闭', '取消', '删除']);

/**
 * 「添加推送群」: a group the bot cannot read — e.g. a DingTalk group the enterprise robot cannot join, that has only a
 * custom robot — registered by name for the branch, so task posts, reminders and rankings reach it too. Sent from a
 * bound group or a 1:1 chat (the group itself never delivers messages to the bot). The platform's registered
 * parser reads the robot address, as for 「设置推送」; this file knows no platform's format.
 */
export const addPushGroup: CommandSpec = {
  name: '添加推送群',
  audience: 'secretary',
  usage: '添加推送群 <群名> <群机器人地址或key> [加签密钥]（停用：添加推送群 <群名> 关闭）',
  summary: '登记一个只有群机器人、收不到消息的群，本支部的任务、提醒和排名也推送到那里',
  example: '添加推送群 广州流动党员二群 https://oapi.dingtalk.com/robot/send?access_token=abc… SEC0123…',
  async run(ctx, args) {
    const [name, ...rest] = args.split(/\s+/).filter(Boolean);
    if (!name || /^https?:\/\//i.test(name)) throw new UsageError('缺少群名（写在地址前面）');
    if (name.length > 40) throw new UsageError('群名太长（最多 40 个字）');
    const { platform } = ctx.message;
    const branchId = (await scopeBranch(ctx))!;
    const known = (await ctx.store.chats.listByBranch(branchId)).find(
      (c) => c.platform === platform && c.title === name,
    );
    const now = ctx.now();
    if (rest.length === 1 && OFF.has(rest[0])) {
      if (!known) throw new UsageError(`本支部没有名为「${name}」的群`);
      await ctx.store.chats.setPush(platform, known.chatId, undefined);
      await ctx.store.audit.record(
        { actor: ctx.identity, action: 'chat.push.clear', subject: `${platform}:${known.chatId}` },
        now,
      );
      await ctx.reply(`✅ 已停用「${name}」的群机器人推送。`);
      return;
    }
    if (rest.length === 0) throw new UsageError('缺少群机器人的地址或 key');
    const parser = ctx.services.pushTargets.get(platform);
    if (!parser) {
      await ctx.reply('这个平台暂不支持「添加推送群」。');
      return;
    }
    let parsed;
    try {
      parsed = parser.parse(rest.join(' '));
    } catch (err) {
      if (err instanceof PushTargetError) throw new UsageError(err.message);
      throw err;
    }
    // A group the bot cannot read has no chat id we could learn: it gets a stable one of its own.
    const chatId = known?.chatId ?? `push-${branchId}-${createHash('sha256').update(name).digest('hex').slice(0, 12)}`;
    if (!known) {
      await ctx.store.chats.upsertSeen({ platform, chatId, chatType: 'group', title: name }, now);
      await ctx.store.chats.bindBranch(platform, chatId, branchId);
    }
    await ctx.store.chats.setPush(platform, chatId, parsed.push);
    await ctx.store.audit.record(
      {
        actor: ctx.identity,
        action: 'chat.push.set',
        subject: `${platform}:${chatId}`,
        detail: { title: name, summary: parsed.summary },
      },
      now,
    );
    await ctx.reply(
      [
        `✅ 已登记推送群「${name}」（${parsed.summary}）。本支部的任务、提醒和排名也会发到那里，已先发一条测试消息，请在该群查看。`,
        ctx.isGroup ? '提示：地址和密钥相当于密码，以后建议在与我的单聊中发送这个命令。' : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
    await ctx.send(
      { platform, chatId, chatType: 'group' },
      '🔔 推送测试：支部机器人已接入本群，今后的学习任务、提醒和积分排名会发在这里。',
    );
  },
};
