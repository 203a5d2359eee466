import { scopeBranch, type CommandSpec } from '../src/bot/commands';
import { dedupeKey } from '../src/bot/incoming-message';
import { formatServicePost } from '../src/service/service-format';
import type { ServiceKind } from '../src/service/service-records';
import { parseServiceItem } from '../src/service/service-spec';

function publish(kind: ServiceKind): CommandSpec {
  const wish = kind === 'wish';
  return {
    name: wish ? '发布心愿' : '发布活动',
    audience: 'secretary',
    usage: wish
      ? '发布心愿 <心愿内容>，换行写 名额：N 分值：N [截止：…]'
      : '发布活动 <活动标题>，换行写 时间：… 地点：… 名额：N 分值：N [截止：…]',
    summary: wish
      ? '发布群众或党员家庭的微心愿，党员认领后完成可得奉献积分'
      : '发布志愿服务活动，党员报名参加可得奉献积分',
    example: wish
      ? '发布心愿 村东头王奶奶想要一台收音机\n名额：1\n分值：5'
      : '发布活动 周六社区环境清扫\n时间：12月12日 上午9点\n地点：村委会门口集合\n名额：3\n分值：5',
    async run(ctx, _args, raw) {
      const now = ctx.now();
      const fields = parseServiceItem(kind, raw, now, ctx.settings.timezone);
      const branchId = (await scopeBranch(ctx))!;
      // Keyed by the message: handling it again after a crash finds this item instead of publishing a second one.
      const key = dedupeKey(ctx.message);
      const item = await ctx.store.service.create({ ...fields, branchId, createdBy: ctx.identity }, now, key);
      await ctx.store.audit.record(
        { actor: ctx.identity, action: `service.publish`, subject: `service:${item.id}`, detail: { branchId, kind } },
        now,
        key,
      );
      const post = formatServicePost(item, ctx.settings.timezone);
      await ctx.reply(post);
      for (const chat of await ctx.store.chats.listByBranch(branchId)) {
        if (chat.chatType !== 'group') continue;
        if (chat.platform === ctx.message.platform && chat.chatId === ctx.message.chatId) continue;
        await ctx.send({ platform: chat.platform, chatId: chat.chatId, chatType: 'group' }, post);
      }
    },
  };
}

export const publishWish = publish('wish');
export const publishActivity = publish('activity');
