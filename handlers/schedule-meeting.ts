import { scopeBranch, type CommandSpec } from '../src/bot/commands';
import { dedupeKey } from '../src/bot/incoming-message';
import { formatMeetingPost } from '../src/meetings/meeting-format';
import { parseMeeting } from '../src/meetings/parse-meeting';

export const scheduleMeeting: CommandSpec = {
  name: '安排会议',
  aliases: ['发布会议'],
  audience: 'secretary',
  usage:
    '安排会议 <标题>，换行写 类型：支部党员大会|支委会|党小组会|党课|主题党日 时间：… 地点：…（或 线上：<会议链接>） 签到：开始前N分钟至结束 分值：N [照片：需要]',
  summary: '安排组织生活会议，通知本支部各群，开始前提醒并签到',
  example:
    '安排会议 学习党的二十届四中全会精神\n类型：支部党员大会\n时间：12月10日 14:00-16:00\n地点：村委会二楼会议室\n线上：https://meeting.tencent.com/…\n签到：开始前30分钟至结束\n分值：5\n照片：需要',
  async run(ctx, _args, raw) {
    const now = ctx.now();
    const parsed = parseMeeting(raw, now, ctx.settings.timezone);
    const branchId = (await scopeBranch(ctx))!;
    // Keyed by the message: handling it again after a crash finds this meeting instead of scheduling a second one.
    const key = dedupeKey(ctx.message);
    const meeting = await ctx.store.meetings.create({ ...parsed, branchId, createdBy: ctx.identity }, now, key);
    await ctx.store.audit.record(
      { actor: ctx.identity, action: 'meeting.schedule', subject: `meeting:${meeting.id}`, detail: { branchId } },
      now,
      key,
    );
    const post = formatMeetingPost(meeting, ctx.settings.timezone);
    await ctx.reply(post);
    for (const chat of await ctx.store.chats.listByBranch(branchId)) {
      if (chat.chatType !== 'group') continue;
      if (chat.platform === ctx.message.platform && chat.chatId === ctx.message.chatId) continue;
      await ctx.send({ platform: chat.platform, chatId: chat.chatId, chatType: 'group' }, post);
    }
  },
};
