import { UsageError, type CommandSpec } from '../src/bot/commands';
import type { Task, TaskChanges } from '../src/model';
import { proofHowTo } from '../src/tasks/task-format';
import { rebookTaskPoints } from '../src/tasks/task-lifecycle';
import { PROOF_NAMES, parseDeadline, parsePoints, parseProofKinds, parseTaskFields } from '../src/tasks/task-spec';
import { formatDeadline } from '../src/time/parse-deadline-text';
import { postToBranchGroups } from './branch-groups';
import { managedTask } from './task-arg';
import { describeScreenshotRule, parseScreenshotRule } from '../src/tasks/screenshot-rule';

const FIELDS = ['截止', '分值', '内容', '证明', '字数', '关键词'] as const;

function readChanges(raw: Map<string, string>, fields: Map<string, string>, now: Date, tz: string): TaskChanges {
  const changes: TaskChanges = {};
  if (fields.has('截止')) changes.deadline = parseDeadline(fields.get('截止'), now, tz).toISOString();
  if (fields.has('分值')) changes.points = parsePoints(fields.get('分值')!);
  if (raw.has('内容')) changes.content = raw.get('内容')!;
  if (fields.has('证明')) changes.proofKinds = parseProofKinds(fields.get('证明')!);
  if (fields.has('字数')) {
    const n = Number(fields.get('字数')!.replace(/字$/, ''));
    if (!Number.isInteger(n) || n < 0 || n > 2000)
      throw new UsageError(`「字数」应为 0–2000 的整数，你写的是「${fields.get('字数')}」`);
    changes.minChars = n;
  }
  return { ...changes, ...parseScreenshotRule(fields) };
}

/** What changed, in the words members read. */
function describeChanges(before: Task, after: Task, tz: string): string[] {
  const lines: string[] = [];
  if (before.deadline !== after.deadline)
    lines.push(
      `截止：${formatDeadline(new Date(before.deadline), tz)} → ${formatDeadline(new Date(after.deadline), tz)}`,
    );
  if (before.points !== after.points) lines.push(`分值：${before.points} 分 → ${after.points} 分`);
  if (before.content !== after.content) lines.push(`内容：${after.content}`);
  const kinds = (t: Task) => t.proofKinds.map((k) => PROOF_NAMES[k]).join('/');
  if (kinds(before) !== kinds(after)) lines.push(`证明：${kinds(before)} → ${kinds(after)}`);
  if (before.minChars !== after.minChars) lines.push(`字数：${before.minChars} → ${after.minChars}`);
  const shot = (t: Task) => describeScreenshotRule(t) || '不要求截图';
  if (shot(before) !== shot(after)) lines.push(`截图要求：${shot(before)} → ${shot(after)}`);
  return lines;
}

/** `修改任务 #n` with 截止/分值/内容/证明/字数 lines; members are told what changed, points follow a new 分值. */
export const modifyTask: CommandSpec = {
  name: '修改任务',
  audience: 'secretary',
  usage: '修改任务 #<任务号>，换行写要改的项：截止：… 分值：N 内容：… 证明：图片/文字… 字数：N',
  summary: '修改任务的截止时间、分值、内容或证明要求（会通知党员）',
  example: '修改任务 #12\n截止：周五 18:00\n分值：8',
  async run(ctx, args, raw) {
    const task = await managedTask(ctx, args);
    const { raw: written, fields } = parseTaskFields(raw.replace(/^[#＃]?\s*[0-9０-９]+/u, ''), FIELDS);
    if (fields.size === 0) throw new UsageError(`没有要修改的项，可改：${FIELDS.join('、')}`);
    const now = ctx.now();
    const changes = readChanges(written, fields, now, ctx.settings.timezone);
    if (changes.proofKeywords && !(changes.screenshotProof ?? task.screenshotProof))
      throw new UsageError('「关键词」用于检查截图，请同时写 证明：截图');
    const after = await ctx.store.tasks.update(task.id, changes);
    if (!after) throw new UsageError(`任务 #${task.id} 已撤销，不能修改`);
    const lines = describeChanges(task, after, ctx.settings.timezone);
    if (lines.length === 0) {
      // Handled again after a crash, the change is already stored: settling again books only what is still missing.
      await rebookTaskPoints(ctx.store, after, ctx.identity, now);
      await ctx.reply(`任务 #${task.id} 的内容和原来一样，没有改动。`);
      return;
    }
    const rebooked = after.points !== task.points ? await rebookTaskPoints(ctx.store, after, ctx.identity, now) : 0;
    await ctx.store.audit.record(
      { actor: ctx.identity, action: 'task.modify', subject: `task:${task.id}`, detail: { changes: lines, rebooked } },
      now,
    );
    const notice = `✏️ 任务 #${task.id}《${task.title}》有变动：\n${lines.join('\n')}\n提交方法：${proofHowTo(after)}。`;
    await ctx.reply(`${notice}${rebooked ? `\n（已按新分值为 ${rebooked} 位已提交的同志调整积分。）` : ''}`);
    await postToBranchGroups(ctx, task.branchId, notice);
  },
};
