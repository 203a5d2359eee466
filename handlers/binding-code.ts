import { randomBytes } from 'node:crypto';
import { bindIdentity } from '../src/members/bind-identity';
import { BINDING_CODE_MINUTES, BindingCodes } from '../src/members/binding-codes';
import { PLATFORM_NAMES } from '../src/members/open-pending-check-in';
import { UsageError, type CommandSpec } from '../src/bot/commands';
import type { Context } from '../src/bot/context';
import { dedupeKey, type Platform } from '../src/bot/incoming-message';
import { formatLocal } from '../src/time/zoned-time';

/** Wrong codes allowed per account per hour: 8 characters of 31 cannot be guessed at this rate. */
export const MAX_CODE_MISSES_PER_HOUR = 5;
const fallbackCodes = new BindingCodes(randomBytes(32));

function codes(ctx: Context): BindingCodes {
  return ctx.services.bindingCodes ?? fallbackCodes;
}

/** `绑定码`: a bound member asks, in a 1:1 chat, for a code that binds an account on another platform to them. */
export const bindingCode: CommandSpec = {
  name: '绑定码',
  audience: 'member',
  usage: '绑定码（私聊我发送）',
  summary: `获取一次性绑定码（${BINDING_CODE_MINUTES} 分钟内有效），在另一个平台发送「绑定 <绑定码>」即可绑定那边的账号`,
  async run(ctx) {
    if (ctx.isGroup) {
      await ctx.reply('绑定码只在单聊里发放：请私聊我发送「绑定码」。');
      return;
    }
    const now = ctx.now();
    const sourceKey = dedupeKey(ctx.message);
    const code = codes(ctx).codeFor(sourceKey);
    const expiresAt = new Date(now.getTime() + BINDING_CODE_MINUTES * 60_000);
    const { code: stored } = await ctx.store.identityProofs.issueCode(
      {
        codeHash: codes(ctx).hash(code),
        memberId: ctx.member!.id,
        issuedTo: ctx.identity,
        sourceKey,
        expiresAt: expiresAt.toISOString(),
      },
      now,
    );
    await ctx.store.audit.record(
      {
        actor: ctx.identity,
        action: 'binding-code.issue',
        subject: `member:${ctx.member!.id}`,
        detail: { codeId: stored.id },
      },
      now,
    );
    await ctx.reply(
      [
        `你的绑定码：${code}`,
        `有效至 ${formatLocal(new Date(stored.expiresAt), ctx.settings.timezone)}，只能用一次。请在要绑定的平台（企业微信或钉钉）给我发送：`,
        `绑定 ${code}`,
        '⚠️ 绑定码等于你的身份，不要发给别人；书记和管理员不会向你索要。',
      ].join('\n'),
    );
  },
};

function missKey(ctx: Context): string {
  return `binding-code-miss:${ctx.identity}:${ctx.now().toISOString().slice(0, 13)}`;
}

/** `绑定 <码>`: binds the sender's account to the member who asked for the code (single use, rate-limited). */
export const bindWithCode: CommandSpec = {
  name: '绑定',
  audience: 'anyone',
  usage: '绑定 <绑定码>',
  summary: '用在另一个平台私聊获取的绑定码，把本平台的账号绑定到你的党员信息',
  example: '绑定 ABCD-EFGH',
  async run(ctx, args) {
    if (!args.trim()) throw new UsageError('缺少绑定码（在已登记的平台私聊我发送「绑定码」获取）');
    if (ctx.member) {
      await ctx.reply(`你的账号已登记为「${ctx.member.name}」，不需要再绑定。如果登记有误，请联系支部书记。`);
      return;
    }
    if ((await ctx.store.counters.get(missKey(ctx))) >= MAX_CODE_MISSES_PER_HOUR) {
      await ctx.reply('绑定码输错次数太多，请一小时后再试，或请支部书记确认你的报到。');
      return;
    }
    const now = ctx.now();
    const typed = codes(ctx).normalize(args);
    const code = typed && (await ctx.store.identityProofs.useCode(codes(ctx).hash(typed), ctx.identity, now));
    const member = code && (await ctx.store.members.get(code.memberId));
    if (!code || !member) {
      await ctx.store.counters.add(missKey(ctx), 1, now);
      await ctx.reply(
        `绑定码不对或已失效（${BINDING_CODE_MINUTES} 分钟内有效，只能用一次）。请在已登记的平台私聊我重新发送「绑定码」获取。`,
      );
      return;
    }
    await bindIdentity(
      ctx.store,
      {
        platform: ctx.message.platform,
        userId: ctx.message.userId,
        memberId: member.id,
        displayName: ctx.message.userName,
      },
      now,
    );
    ctx.member = member;
    await ctx.store.audit.record(
      {
        actor: ctx.identity,
        action: 'identity.bind',
        subject: `member:${member.id}`,
        detail: { via: 'binding-code', codeId: code.id, issuedTo: code.issuedTo },
      },
      now,
    );
    await ctx.reply(
      `✅ 已绑定：你的${PLATFORM_NAMES[ctx.message.platform]}账号现在对应党员「${member.name}」。在本平台的支部群里 @我 发送「报到 ${member.name} <流入地>」即可完成报到。`,
    );
    const sep = code.issuedTo.indexOf(':');
    const home = {
      platform: code.issuedTo.slice(0, sep) as Platform,
      chatId: code.issuedTo.slice(sep + 1),
      chatType: 'single' as const,
    };
    const when = formatLocal(now, ctx.settings.timezone);
    await ctx.send(
      home,
      `🔔 你的党员信息于 ${when} 绑定了${PLATFORM_NAMES[ctx.message.platform]}账号（${ctx.message.userName ?? ctx.message.userId}）。如果不是你本人操作，请立即联系支部书记。`,
    );
  },
};
