import { UsageError, type CommandSpec } from '../src/bot/commands';
import type { Context } from '../src/bot/context';
import { attendanceSheet } from '../src/meetings/attendance-sheet';
import { formatAttendance } from '../src/meetings/format-attendance';
import { canAttend, meetingCodeOf } from '../src/meetings/meeting-access';
import { formatMeetingLine } from '../src/meetings/meeting-format';
import { canManage } from '../src/members/roles';

const RECENT_DAYS = 30;

/** The branches whose meetings this person may look at: their own (home, host) and those they run. */
async function branchesOf(ctx: Context): Promise<number[]> {
  const roles = await ctx.roles();
  const own = [ctx.member?.homeBranchId, ctx.member?.hostBranchId].filter((b): b is number => b !== undefined);
  return [...new Set([...own, ...roles.secretaryOf, ...(roles.admin && ctx.chat.branchId ? [ctx.chat.branchId] : [])])];
}

async function listMeetings(ctx: Context): Promise<void> {
  const from = new Date(ctx.now().getTime() - RECENT_DAYS * 86_400_000);
  const meetings = await ctx.store.meetings.list({ branchIds: await branchesOf(ctx), from });
  if (!meetings.length) return void (await ctx.reply(`近 ${RECENT_DAYS} 天没有会议，也没有安排中的会议。`));
  const lines = meetings.map((m) => formatMeetingLine(m, ctx.settings.timezone));
  await ctx.reply(`近期会议：\n${lines.join('\n')}\n发送「会议 M<编号>」查看签到情况。`);
}

export const meetingStatus: CommandSpec = {
  name: '会议',
  audience: 'anyone',
  usage: '会议 [M<会议编号>]',
  summary: '查看近期会议，或某次会议的签到、请假情况',
  example: '会议 M3',
  async run(ctx, args) {
    if (!args) return listMeetings(ctx);
    const id = meetingCodeOf(args);
    if (id === undefined) throw new UsageError('会议编号写成 M3 这样');
    const meeting = await ctx.store.meetings.get(id);
    const secretary = meeting !== undefined && canManage(await ctx.roles(), meeting.branchId);
    if (!meeting || (!secretary && !(ctx.member && canAttend(ctx.member, meeting))))
      return void (await ctx.reply(`没有找到你所在支部的会议 M${id}，发送「会议」可查看近期会议。`));
    const sheet = await attendanceSheet(ctx.store, meeting);
    await ctx.reply(formatAttendance(sheet, ctx.settings.timezone, secretary, ctx.now()));
  },
};
