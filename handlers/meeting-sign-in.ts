import { UsageError, type CommandSpec } from '../src/bot/commands';
import type { Context } from '../src/bot/context';
import { dedupeKey } from '../src/bot/incoming-message';
import { meetingCode, signInWindow, type Meeting } from '../src/meetings/meeting';
import { memberMeeting, meetingCodeOf } from '../src/meetings/meeting-access';
import { formatLocal } from '../src/time/zoned-time';
import { bookAttendance } from '../src/points/ledger';

/** The reason sign-in is refused right now, or undefined when the window is open. */
function windowProblem(meeting: Meeting, now: Date, tz: string): string | undefined {
  const { opens, closes } = signInWindow(meeting);
  const span = `${formatLocal(opens, tz)} 至 ${formatLocal(closes, tz)}`;
  if (now < opens) return `${meetingCode(meeting.id)} 还没到签到时间，签到时间为 ${span}。`;
  if (now > closes) return `${meetingCode(meeting.id)} 签到已结束（签到时间 ${span}），这次没有签到。`;
  return undefined;
}

/** The sign-in photo (stored), undefined when none is needed, or null when one is needed and missing. */
async function signInPhoto(ctx: Context, meeting: Meeting, online: boolean): Promise<string | undefined | null> {
  const image = ctx.message.media.find((m) => m.kind === 'image');
  if (!image) return meeting.photoRequired && !online ? null : undefined;
  return (await ctx.services.media.materialize(image)).sha256;
}

export const meetingSignIn: CommandSpec = {
  name: '签到',
  audience: 'member',
  usage: '签到 M<会议编号>（要求拍照的线下会议请附一张现场照片；线上参会加「线上」）',
  summary: '在签到时间内为会议签到，记参会积分',
  example: '签到 M3',
  async run(ctx, args) {
    const id = meetingCodeOf(args);
    if (id === undefined) throw new UsageError('缺少会议编号，例如 M3');
    const tz = ctx.settings.timezone;
    const meeting = await memberMeeting(ctx.store, ctx.member!, id);
    if (!meeting) return void (await ctx.reply(`没有找到你所在支部的会议 M${id}，请核对会议编号。`));
    const problem = windowProblem(meeting, ctx.now(), tz);
    if (problem) return void (await ctx.reply(problem));
    const photo = await signInPhoto(ctx, meeting, /线上/.test(args));
    if (photo === null)
      return void (await ctx.reply(
        `${meetingCode(meeting.id)} 要求现场拍照签到：请 @我 发送「签到 ${meetingCode(meeting.id)}」并附一张现场照片。`,
      ));
    const key = dedupeKey(ctx.message);
    const { attendance } = await ctx.store.meetings.attend(
      {
        meetingId: meeting.id,
        memberId: ctx.member!.id,
        status: 'present',
        photo,
        identity: ctx.identity,
        sourceKey: key,
      },
      ctx.now(),
    );
    // The same message handled again (crash recovery) finds its own record and finishes the booking.
    if (attendance.sourceKey !== key || attendance.status !== 'present')
      return void (await ctx.reply(
        `你已于 ${formatLocal(new Date(attendance.updatedAt), tz)} 签到 ${meetingCode(meeting.id)}，无需重复签到。`,
      ));
    await bookAttendance(ctx.store, meeting, ctx.member!.id, ctx.identity, ctx.now());
    await ctx.reply(
      `✅ ${ctx.member!.name} 已签到 ${meetingCode(meeting.id)}《${meeting.title}》，记 ${meeting.points} 分。`,
    );
  },
};
