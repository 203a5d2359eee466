import { UsageError } from '../errors';
import { parsePoints, parseTaskFields } from '../tasks/task-spec';
import { MEETING_TYPE_NAMES, type MeetingFields, type MeetingType } from './meeting';
import { parseMeetingTime } from './meeting-time';

export const MEETING_FIELDS = ['类型', '时间', '地点', '线上', '签到', '分值', '照片'] as const;

const TYPE_WORDS: Record<string, MeetingType> = {
  ...Object.fromEntries(Object.entries(MEETING_TYPE_NAMES).map(([type, name]) => [name, type as MeetingType])),
  党员大会: 'general',
  支部大会: 'general',
  支委会议: 'committee',
  支部委员会: 'committee',
  小组会: 'group',
  主题党日活动: 'themeDay',
};

/** Without an end in 时间, a meeting lasts two hours. */
const DEFAULT_HOURS = 2;
const DEFAULT_LEAD_MINUTES = 30;

function parseType(value: string | undefined): MeetingType {
  const names = Object.values(MEETING_TYPE_NAMES).join('|');
  if (!value) throw new UsageError(`缺少「类型：…」，可填：${names}`);
  const type = TYPE_WORDS[value.replace(/\s+/g, '')];
  if (!type) throw new UsageError(`会议类型「${value}」不认识，可填：${names}`);
  return type;
}

/** `开始前30分钟至结束` (or `开始前1小时`): minutes before the start that sign-in opens. */
function parseLead(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LEAD_MINUTES;
  const m = /前\s*(\d{1,3})\s*(分钟|分|小时|个小时)/.exec(value);
  if (!m) throw new UsageError(`「签到」这样写：开始前30分钟至结束，你写的是「${value}」`);
  const minutes = Number(m[1]) * (m[2].includes('时') ? 60 : 1);
  if (minutes > 24 * 60) throw new UsageError('签到最早在开始前 24 小时开放');
  return minutes;
}

const wantsPhoto = (text: string | undefined) =>
  text !== undefined && /(拍照|照片|现场图|需要|要|是)/.test(text) && !/(不需要|不要|否|无需)/.test(text);

export type ParsedMeeting = Omit<MeetingFields, 'branchId' | 'createdBy'>;

/** `安排会议 <标题>` and its `字段：值` lines; title, place and link are kept exactly as written. */
export function parseMeeting(rawArgs: string, now: Date, tz: string): ParsedMeeting {
  const { head, raw, fields } = parseTaskFields(rawArgs, MEETING_FIELDS);
  const title = head.split('\n')[0].trim();
  if (!title) throw new UsageError('缺少会议标题');
  if (title.length > 60) throw new UsageError('会议标题太长（最多 60 个字）');
  const type = parseType(fields.get('类型'));
  const { startsAt, endsAt } = parseMeetingTime(fields.get('时间'), now, tz);
  const place = raw.get('地点') || undefined;
  const onlineUrl = raw.get('线上') || undefined;
  if (!place && !onlineUrl) throw new UsageError('请写明「地点：…」（线下）或「线上：<会议链接>」');
  const photoRequired = wantsPhoto(fields.get('照片')) || /拍照|照片/.test(fields.get('签到') ?? '');
  if (photoRequired && !place) throw new UsageError('只有线下会议（写了「地点：…」）才能要求拍照签到');
  return {
    title,
    type,
    startsAt: startsAt.toISOString(),
    endsAt: (endsAt ?? new Date(startsAt.getTime() + DEFAULT_HOURS * 3_600_000)).toISOString(),
    place,
    onlineUrl,
    signInLeadMinutes: parseLead(fields.get('签到')),
    points: fields.has('分值') ? parsePoints(fields.get('分值')!) : 5,
    photoRequired,
  };
}
