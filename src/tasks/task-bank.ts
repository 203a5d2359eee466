/**
 * The task bank (题库): study tasks a secretary prepares ahead, published one per week by the weekly push.
 * Shared by the chat commands (入库, 题库, 计划, 预览推送) and the weekly-push job.
 */
import type { BankItem, BankItemFields } from '../store/jobs-repo';
import type { Store } from '../store/store';
import { UsageError } from '../errors';
import type { HolidayCalendar } from '../time/holiday-calendar';
import type { Chat, Task } from '../model';
import { DEFAULT_PUSH_PLAN, nextPushSlot, type PushPlan, type PushSlot } from './push-schedule';
import { formatTaskPost } from './task-format';
import { parseTaskBody } from './task-spec';
import { formatLocal } from '../time/zoned-time';

export const DEFAULT_DURATION_DAYS = 7;
export const MAX_DURATION_DAYS = 60;

/** Parses `入库 <标题>` + the 发布任务 fields, with `期限：N天` instead of `截止`. */
export function parseBankEntry(args: string): Omit<BankItemFields, 'branchId' | 'createdBy'> {
  const { fields, body } = parseTaskBody(args, ['期限']);
  if (fields.has('截止')) throw new UsageError('题库任务不写「截止」，请写「期限：N天」（从推送时算起，默认 7 天）');
  return { ...body, durationDays: parseDuration(fields.get('期限')) };
}

function parseDuration(value: string | undefined): number {
  if (value === undefined) return DEFAULT_DURATION_DAYS;
  const m = /^(\d{1,3})\s*(天|日)?$/.exec(value);
  const days = m ? Number(m[1]) : NaN;
  if (!(days >= 1 && days <= MAX_DURATION_DAYS))
    throw new UsageError(`「期限」应为 1–${MAX_DURATION_DAYS} 天，例如 期限：7天，你写的是「${value}」`);
  return days;
}

/** The marker a pushed task carries, so a push resumed after a crash finds the task it already created. */
export function bankTaskCreator(branchId: number, slotDay: string): string {
  return `job:weekly-push:b${branchId}:${slotDay}`;
}

/** The task a bank item becomes when pushed at `at`. */
export function bankItemTask(
  item: BankItem,
  branchId: number,
  at: Date,
  createdBy: string,
): Omit<Task, 'id' | 'createdAt'> {
  return {
    branchId,
    title: item.title,
    content: item.content,
    points: item.points,
    proofKinds: item.proofKinds,
    minChars: item.minChars,
    lateRule: item.lateRule,
    createdBy,
    deadline: new Date(at.getTime() + item.durationDays * 86_400_000).toISOString(),
  };
}

/** The post a bank item will become, before it has a task number (shown as #N). */
export function previewPost(item: BankItem, at: Date, tz: string): string {
  const task: Task = { ...bankItemTask(item, item.branchId, at, 'preview'), id: 0, createdAt: at.toISOString() };
  return formatTaskPost(task, tz).replace(/#0(?!\d)/g, '#N');
}

export async function branchPushPlan(store: Store, branchId: number): Promise<PushPlan> {
  const saved = await store.jobs.pushSchedules.get(branchId);
  return saved ? { weekday: saved.weekday, time: saved.time } : DEFAULT_PUSH_PLAN;
}

export function groupChats(chats: Chat[]): Chat[] {
  return chats.filter((c) => c.chatType === 'group');
}

export interface UpcomingPush {
  plan: PushPlan;
  slot?: PushSlot;
  item?: BankItem;
  pending: number;
  chats: Chat[];
}

/** What the next push of a branch will be: when, which bank item, to which group chats. */
export async function upcomingPush(
  store: Store,
  branchId: number,
  now: Date,
  tz: string,
  calendar: HolidayCalendar,
): Promise<UpcomingPush> {
  const plan = await branchPushPlan(store, branchId);
  const pending = await store.jobs.bank.list(branchId, { pending: true });
  const chats = groupChats(await store.chats.listByBranch(branchId));
  return { plan, slot: nextPushSlot(plan, now, tz, calendar), item: pending[0], pending: pending.length, chats };
}

/** `12-07（周一）09:00`, with the holiday shift explained when there was one. */
export function describeSlot(slot: PushSlot, tz: string): string {
  const weekday = '一二三四五六日'[(new Date(`${slot.day}T00:00:00Z`).getUTCDay() + 6) % 7];
  const when = `${formatLocal(slot.at, tz, true).slice(0, 10)}（周${weekday}）${formatLocal(slot.at, tz).slice(6)}`;
  return slot.plannedDay ? `${when}（原定 ${slot.plannedDay.slice(5)} 逢${slot.holiday ?? '法定节假日'}，顺延）` : when;
}
