import { UsageError, type CommandSpec } from '../src/bot/commands';
import { dedupeKey } from '../src/bot/incoming-message';
import { meetingCode } from '../src/meetings/meeting';
import { memberMeeting, meetingCodeOf } from '../src/meetings/meeting-access';
import { formatLocal } from '../src/time/zoned-time';

export const meetingLeave: CommandSpec = {
  name: '请假',
  audience: 'member',
  usage: '请假 M<会议编号> <理由>',
  summary: '不能参加会议时向支部请假',
  example: '请假 M3 在外地加班，会后补学',
  async run(ctx, args, raw) {
    const id = meetingCodeOf(args);
    if (id === undefined) throw new UsageError('缺少会议编号，例如 M3');
    const reason = raw.replace(/^\s*[mＭｍM]?\s?[\d０-９]+/i, '').trim();
    if (!reason) throw new UsageError('请写明请假理由');
    const meeting = await memberMeeting(ctx.store, ctx.member!, id);
    if (!meeting) return void (await ctx.reply(`没有找到你所在支部的会议 M${id}，请核对会议编号。`));
    const code = meetingCode(meeting.id);
    if (ctx.now() > new Date(meeting.endsAt)) return void (await ctx.reply(`${code} 已经结束，不能再请假了。`));
    const key = dedupeKey(ctx.message);
    const { attendance } = await ctx.store.meetings.attend(
      {
        meetingId: meeting.id,
        memberId: ctx.member!.id,
        status: 'leave',
        reason,
        identity: ctx.identity,
        sourceKey: key,
      },
      ctx.now(),
    );
    if (attendance.sourceKey !== key) {
      const when = formatLocal(new Date(attendance.updatedAt), ctx.settings.timezone);
      const what = attendance.status === 'present' ? '签到' : '请假';
      return void (await ctx.reply(`你已于 ${when} ${what}（${code}），这次没有变更。`));
    }
    await ctx.reply(
      `📝 已记录 ${ctx.member!.name} 请假 ${code}《${meeting.title}》，理由：${reason}。能参加时仍可签到。`,
    );
  },
};
