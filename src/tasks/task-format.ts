import type { Task } from '../model';
import { LATE_NAMES, PROOF_NAMES } from './task-spec';
import { formatLocal } from '../time/zoned-time';
import { formatDeadline } from '../time/parse-deadline-text';
import { describeScreenshotRule } from './screenshot-rule';

/** How to hand in proof, taught in every task post (groups deliver only @-messages; files only arrive 1:1). */
export function proofHowTo(task: Task): string {
  const inGroup = task.proofKinds
    .filter((k) => k === 'image' || k === 'text' || k === 'link')
    .map((k) => PROOF_NAMES[k]);
  const privateOnly = task.proofKinds.filter((k) => k === 'video' || k === 'file').map((k) => PROOF_NAMES[k]);
  const lines = [`在群里 @我 并附${inGroup.join('或') || '证明'}，注明 #${task.id}`];
  if (task.proofKinds.includes('text')) lines.push(`文字心得不少于 ${task.minChars} 字`);
  if (task.screenshotProof) lines.push(describeScreenshotRule(task));
  if (privateOnly.length) lines.push(`${privateOnly.join('和')}请私聊我发送，并注明 #${task.id}`);
  return lines.join('；');
}

export function formatTaskPost(task: Task, tz: string): string {
  return [
    `📌 新任务 #${task.id}《${task.title}》`,
    task.content ? `内容：${task.content}` : '',
    `截止：${formatDeadline(new Date(task.deadline), tz)}`,
    `分值：${task.points} 分（${LATE_NAMES[task.lateRule]}）`,
    `提交方法：${proofHowTo(task)}。`,
  ]
    .filter(Boolean)
    .join('\n');
}

export function formatTaskLine(task: Task, tz: string, status?: string): string {
  return `#${task.id}《${task.title}》截止 ${formatLocal(new Date(task.deadline), tz)}，${task.points} 分${status ? `｜${status}` : ''}`;
}
