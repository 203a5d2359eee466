import { UsageError, scopeBranch, type CommandSpec } from '../src/bot/commands';
import { boundChats, formatPushCheck } from '../src/outbox/push-check';

/**
 * 「检查推送」: for the branch of this group, which route each bound group's scheduled posts will take, whether it is
 * ready and the one thing to do if not — checked against the platforms themselves. 「检查推送 发测试」 also sends a
 * short test message through each ready route.
 */
export const checkPush: CommandSpec = {
  name: '检查推送',
  audience: 'secretary',
  usage: '检查推送（附「发测试」则每个群发一条测试消息）',
  summary: '查看本支部各群的定时推送走哪条线路、能否发出，以及不能发时该怎么办',
  async run(ctx, args) {
    if (!ctx.isGroup) throw new UsageError('请在本支部的群里发送这个命令');
    const check = ctx.services.checkPush;
    if (!check) {
      await ctx.reply('当前没有配置可推送的平台（企业微信或钉钉），定时推送只会出现在模拟器里。');
      return;
    }
    const branchId = await scopeBranch(ctx);
    if (branchId === undefined) throw new UsageError('本群还没有绑定支部，请先发送：绑定支部 <支部名> 流出/流入');
    const lines = await check({
      chats: await boundChats(ctx.store, branchId),
      sendTest: /发测试|--send-test/.test(args),
    });
    const bad = lines.filter((l) => !l.ready).length;
    const head = bad ? `⚠️ 推送检查：${bad} 项未就绪，请按提示处理。` : '✅ 推送检查：全部就绪。';
    await ctx.reply([head, ...lines.map(formatPushCheck)].join('\n'));
  },
};
