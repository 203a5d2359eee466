import type { Submission, Task } from '../../model';
import type { ProofDoubt } from './proof-check';

/** What the member reads when a check holds their proof: that it waits, why, and that nothing is decided yet. */
export function heldNotice(
  task: Task,
  submission: Submission,
  doubts: ProofDoubt[],
  delta: number | undefined,
): string {
  const points = delta && delta < 0 ? `此前计的 ${-delta} 分先暂时扣回，` : '';
  const why = doubts.map((d) => `· ${d.reason}`).join('\n');
  return (
    `⏳ 你在任务 #${task.id}《${task.title}》的提交 S${submission.id} 已转支部书记审核，${points}审核通过后计分。\n` +
    `原因（自动检查发现）：\n${why}\n` +
    '这不是驳回：书记看过后会处理，结果会私信告诉你。如果发错了，也可以重新提交证明。'
  );
}
