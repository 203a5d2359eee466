import { createHash } from 'node:crypto';
import { UsageError, scopeBranch, type CommandSpec } from '../src/core/commands';
import type { Context } from '../src/core/context';
import type { Chat } from '../src/core/model';
import { parseFields } from '../src/core/text/parse-fields';

const WEBHOOK_FORM = 'https://oapi.dingtalk.com/robot/send?access_token=…';

/** The robot's address as pasted from 群设置 → 机器人 → 自定义 (the token identifies the robot). */
function parseWebhook(word: string): { url: string; token: string } {
  let token: string | null = null;
  try { token = new URL(word).searchParams.get('access_token'); } catch { /* reported below */ }
  if (!token || !/^[A-Za-z0-9]{16,128}$/.test(token)) {
    throw new UsageError(`「Webhook地址」应为钉钉自定义机器人的完整地址，形如 ${WEBHOOK_FORM}`);
  }
  return { url: word, token };
}

function parseArgs(args: string): { off: boolean; url?: string; token?: string; secret?: string; groupName?: string } {
  const { head, fields, unknown } = parseFields(args, ['群名']);
  if (unknown.length) throw new UsageError(`不认识的字段「${unknown[0]}」，可用字段：群名`);
  const groupName = fields.get('群名');
  if (groupName !== undefined && (groupName.length === 0 || groupName.length > 40)) throw new UsageError('「群名」应为 1–40 个字');
  const words = head.split(/\s+/).filter(Boolean);
  if (words.length === 1 && words[0] === '关闭') return { off: true, groupName };
  const urlWord = words.find((w) => /^https?:\/\//i.test(w));
  if (!urlWord) throw new UsageError('缺少 Webhook 地址');
  const secret = words.find((w) => /^SEC/.test(w));
  if (secret !== undefined && !/^SEC[A-Za-z0-9]{16,128}$/.test(secret)) throw new UsageError('「加签密钥」应为机器人安全设置里以 SEC 开头的一串字母数字');
  const extra = words.find((w) => w !== urlWord && w !== secret);
  if (extra) throw new UsageError(`多余的内容「${extra}」`);
  return { off: false, ...parseWebhook(urlWord), secret, groupName };
}

/** The chat to configure: this group, or (with 群名) a group of the branch that has only a custom robot. */
async function targetChat(ctx: Context, branchId: number, groupName: string | undefined, token?: string): Promise<Chat> {
  if (groupName === undefined) {
    if (!ctx.isGroup) throw new UsageError('在单聊里设置时请写上「群名：<群的名字>」');
    return ctx.chat;
  }
  const known = (await ctx.store.chats.listByBranch(branchId)).find((c) => c.platform === 'dingtalk' && c.title === groupName);
  if (known) return known;
  if (!token) throw new UsageError(`本支部没有名为「${groupName}」的钉钉群`);
  // A group the enterprise robot is not in has no conversation id we could know: it gets a stable id of its own.
  const chatId = `webhook-${createHash('sha256').update(token).digest('hex').slice(0, 16)}`;
  const chat = await ctx.store.chats.upsertSeen({ platform: 'dingtalk', chatId, chatType: 'group', title: groupName }, ctx.now());
  await ctx.store.chats.bindBranch('dingtalk', chatId, branchId);
  return chat;
}

export const setDingtalkPush: CommandSpec = {
  name: '设置钉钉推送',
  audience: 'secretary',
  usage: '设置钉钉推送 <自定义机器人Webhook地址> [加签密钥SEC…] [群名：<只有自定义机器人的群>]｜设置钉钉推送 关闭 [群名：…]',
  summary: '用钉钉群的自定义机器人发送定时任务、提醒和排名（可 @ 成员；适合企业机器人进不去的群）',
  example: `设置钉钉推送 ${WEBHOOK_FORM.replace('…', 'abc123…')} SEC0123…\n设置钉钉推送 ${WEBHOOK_FORM.replace('…', 'abc123…')} SEC0123… 群名：广州流动党员二群`,
  async run(ctx, args) {
    if (ctx.message.platform !== 'dingtalk') throw new UsageError('这个命令只用于钉钉群，请在钉钉里发送');
    const parsed = parseArgs(args);
    const branchId = (await scopeBranch(ctx))!;
    const chat = await targetChat(ctx, branchId, parsed.groupName, parsed.token);
    const name = chat.chatId === ctx.message.chatId ? '本群' : `「${chat.title ?? chat.chatId}」`;
    const now = ctx.now();
    const push = parsed.off ? undefined : { webhook: parsed.url!, ...(parsed.secret ? { secret: parsed.secret } : {}) };
    await ctx.store.chats.setPush('dingtalk', chat.chatId, push);
    // Neither the token nor the secret goes into the audit log or a reply.
    await ctx.store.audit.record({
      actor: ctx.identity, action: parsed.off ? 'chat.push.clear' : 'chat.push.set', subject: `dingtalk:${chat.chatId}`,
      detail: { title: chat.title, signed: Boolean(parsed.secret) },
    }, now);
    if (parsed.off) {
      await ctx.reply(`✅ 已关闭${name}的自定义机器人推送，之后改由企业机器人发送（无法 @ 成员）。`);
      return;
    }
    await ctx.reply([
      `✅ 已为${name}设置钉钉自定义机器人推送${parsed.secret ? '（加签密钥已保存，不会显示）' : ''}。任务、提醒和排名将由它发到群里，并可 @ 成员。`,
      parsed.secret ? '' : '⚠️ 没有填写加签密钥：请确认机器人安全设置为「IP 地址（段）」或「自定义关键词」，推荐使用「加签」。',
      ctx.isGroup ? '提示：密钥属于敏感信息，以后建议在与我的单聊中设置（写上「群名：…」）。' : '',
      '已向该群发送一条测试消息，请查看是否收到。',
    ].filter(Boolean).join('\n'));
    await ctx.send({ platform: 'dingtalk', chatId: chat.chatId, chatType: 'group' }, '🔔 推送测试：支部机器人已接入本群，今后的学习任务、提醒和积分排名会发在这里。');
  },
};
