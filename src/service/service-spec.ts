import { UsageError } from '../errors';
import { parsePoints, parseTaskFields } from '../tasks/task-spec';
import { normalizeText } from '../text/normalize-text';
import { DEADLINE_FORMS, formatDeadline, parseDeadlineText } from '../time/parse-deadline-text';
import type { ServiceItemFields, ServiceKind } from './service-records';

const FIELDS: Record<ServiceKind, readonly string[]> = {
  wish: ['名额', '分值', '截止'],
  activity: ['时间', '地点', '名额', '分值', '截止'],
};
const MAX_PLACES = 200;

function parsePlaces(value: string | undefined): number {
  if (value === undefined) throw new UsageError('缺少「名额：N」（可以认领的人数）');
  const n = Number(normalizeText(value).replace(/[人名个]$/u, ''));
  if (!Number.isInteger(n) || n < 1 || n > MAX_PLACES)
    throw new UsageError(`名额应为 1–${MAX_PLACES} 的整数，你写的是「${value}」`);
  return n;
}

function parseCutoff(value: string | undefined, now: Date, tz: string): string | undefined {
  if (value === undefined) return undefined;
  const deadline = parseDeadlineText(normalizeText(value), now, tz);
  if (!deadline) throw new UsageError(`截止时间「${value}」看不懂。可以这样写：${DEADLINE_FORMS.join('、')}`);
  if (deadline <= now) throw new UsageError(`截止时间 ${formatDeadline(deadline, tz)} 已经过去了，请填写将来的时间`);
  return deadline.toISOString();
}

/**
 * `发布心愿 <内容>` / `发布活动 <标题>` with `名额：` `分值：` (and for an activity `时间：` `地点：`; either may have
 * `截止：`). The title, time and place are kept exactly as written.
 */
export function parseServiceItem(
  kind: ServiceKind,
  rawArgs: string,
  now: Date,
  tz: string,
): Omit<ServiceItemFields, 'branchId' | 'createdBy'> {
  const { head, raw, fields } = parseTaskFields(rawArgs, FIELDS[kind]);
  const title = head.trim();
  if (!title) throw new UsageError(kind === 'wish' ? '缺少心愿内容' : '缺少活动标题');
  if (title.length > 200) throw new UsageError('内容太长（最多 200 个字）');
  if (!fields.get('分值')) throw new UsageError('缺少「分值：N」（完成并经书记确认后记入奉献积分）');
  const time = raw.get('时间')?.trim();
  const place = raw.get('地点')?.trim();
  if (kind === 'activity' && !time) throw new UsageError('缺少「时间：…」（活动的日期和时间）');
  if (kind === 'activity' && !place) throw new UsageError('缺少「地点：…」');
  return {
    kind,
    title,
    content: rawArgs.trim(),
    places: parsePlaces(raw.get('名额')),
    points: parsePoints(fields.get('分值')!),
    ...(time ? { time } : {}),
    ...(place ? { place } : {}),
    ...(fields.has('截止') ? { deadline: parseCutoff(raw.get('截止'), now, tz) } : {}),
  };
}

/** `W12` / `A3` (any case, full-width digits allowed) → the kind and number. */
export function parseServiceCode(text: string): { kind: ServiceKind; id: number } | undefined {
  const m = /^([WwAa])\s?(\d{1,7})$/u.exec(normalizeText(text).trim());
  if (!m) return undefined;
  return { kind: m[1].toUpperCase() === 'W' ? 'wish' : 'activity', id: Number(m[2]) };
}
