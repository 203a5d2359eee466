import type { CommandSpec } from '../src/bot/commands';
import { LOGIN_LINK_MINUTES } from '../src/access/login-links';
import { formatLocal } from '../src/time/zoned-time';

/**
 * `后台`: a one-time dashboard login link, always in a 1:1 chat. Open to secretaries of any branch and admins wherever
 * they ask (a secretary of two branches has no single "scope branch" in a 1:1 chat), so the check is done here.
 */
export const dashboardLink: CommandSpec = {
  name: '后台',
  aliases: ['管理后台'],
  audience: 'staff',
  usage: '后台',
  summary: '支部书记、管理员：获取管理后台的一次性登录链接（私信发送）',
  async run(ctx) {
    const roles = await ctx.roles();
    if (!roles.admin && roles.secretaryOf.size === 0) {
      await ctx.reply('抱歉，管理后台只对支部书记和管理员开放。如需开通，请联系县委组织部管理员。');
      return;
    }
    const links = ctx.services.loginLinks;
    if (!links) {
      await ctx.reply('本机器人没有启用管理后台，请联系管理员。');
      return;
    }
    const link = links.issue(ctx.identity, ctx.now());
    const until = formatLocal(link.expiresAt, ctx.settings.timezone);
    await ctx.replyPrivately(
      `管理后台登录链接（${LOGIN_LINK_MINUTES} 分钟内有效，至 ${until}，只能用一次，请勿转发）：\n${link.url}`,
    );
    if (ctx.isGroup) await ctx.reply('登录链接已私信发给你，请在与我的单聊里打开。');
  },
};
