import { UsageError, type CommandSpec } from '../src/bot/commands';
import type { Context } from '../src/bot/context';
import { dedupeKey } from '../src/bot/incoming-message';
import { meetingCode, signInWindow, type Attendance, type Meeting } from '../src/meetings/meeting';
import { memberMeeting, meetingCodeOf } from '../src/meetings/meeting-access';
import { formatLocal } from '../src/time/zoned-time';
import { bookAttendance } from '../src/points/ledger';
import { mediaFailureText } from './media-failure';

/** The reason sign-in is refused right now, or undefined when the window is open. */
function windowProblem(meeting: Meeting, now: Date, tz: string): string | undefined {
  const { opens, closes } = signInWindow(meeting);
  const span = `${formatLocal(opens, tz)} 至 ${formatLocal(closes, tz)}`;
  if (now < opens) return `${meetingCode(meeting.id)} 还没到签到时间，签到时间为 ${span}。`;
  if (now > closes) return `${meetingCode(meeting.id)} 签到已结束（签到时间 ${span}），这次没有签到。`;
  return undefined;
}

/** The stored sign-in photo (none when none is needed), or what to answer when one is needed and missing or unreadable. */
async function signInPhoto(
  ctx: Context,
  meeting: Meeting,
  online: boolean,
): Promise<{ photo?: string; refusal?: string }> {
  const image = ctx.message.media.find((m) => m.kind === 'image');
  const code = meetingCode(meeting.id);
  if (!image)
    return meeting.photoRequired && !online
      ? { refusal: `${code} 要求现场拍照签到：请 @我 发送「签到 ${code}」并附一张现场照片。` }
      : {};
  try {
    return { photo: (await ctx.services.media.materialize(image)).sha256 };
  } catch (err) {
    ctx.services.log.warn({ err, key: dedupeKey(ctx.message) }, 'sign-in photo could not be fetched');
    return { refusal: mediaFailureText(err, '照片下载失败了，请重新发送一次签到和照片。') };
  }
}

function alreadySigned(ctx: Context, attendance: Attendance, meeting: Meeting): Promise<unknown> {
  const when = formatLocal(new Date(attendance.updatedAt), ctx.settings.timezone);
  return ctx.reply(`你已于 ${when} 签到 ${meetingCode(meeting.id)}，无需重复签到。`);
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
    const key = dedupeKey(ctx.message);
    const [before] = await ctx.store.meetings.listAttendance({
      meetingIds: [meeting.id],
      memberId: ctx.member!.id,
      status: 'present',
    });
    if (before && before.sourceKey !== key) return void (await alreadySigned(ctx, before, meeting));
    const { photo, refusal } = await signInPhoto(ctx, meeting, /线上/.test(args));
    if (refusal) return void (await ctx.reply(refusal));
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
    // A racing twin may have won; the same message handled again (crash recovery) finds its own record.
    if (attendance.sourceKey !== key || attendance.status !== 'present')
      return void (await alreadySigned(ctx, attendance, meeting));
    await bookAttendance(ctx.store, meeting, ctx.member!.id, ctx.identity, ctx.now());
    await ctx.reply(
      `✅ ${ctx.member!.name} 已签到 ${meetingCode(meeting.id)}《${meeting.title}》，记 ${meeting.points} 分。`,
    );
  },
};
