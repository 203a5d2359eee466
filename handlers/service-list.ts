import type { CommandSpec } from '../src/bot/commands';
import { formatServiceLine } from '../src/service/service-format';
import { holdsPlace } from '../src/service/service-records';
import { branchesInScope } from './member-branches';

const SHOWN = 10;

export const serviceList: CommandSpec = {
  name: '活动',
  aliases: ['心愿', '微心愿', '志愿活动'],
  audience: 'anyone',
  usage: '活动',
  summary: '查看本支部的微心愿和志愿活动（名额、分值）',
  async run(ctx) {
    const branchIds = branchesInScope(ctx);
    const now = ctx.now();
    const items = (await ctx.store.service.list({ branchIds })).filter(
      (i) => !i.deadline || new Date(i.deadline) > now,
    );
    if (branchIds.length === 0 || items.length === 0) {
      await ctx.reply('本支部现在没有微心愿或志愿活动。');
      return;
    }
    const lines = [];
    for (const item of items.slice(0, SHOWN)) {
      const held = (await ctx.store.service.listClaims(item.id)).filter(holdsPlace).length;
      lines.push(formatServiceLine(item, held));
    }
    await ctx.reply(`🤝 微心愿和志愿活动：\n${lines.join('\n')}\n发送「认领 W编号」或「报名 A编号」参加。`);
  },
};
