import type { KnowledgeBase } from '../answers/kb/knowledge-base';
import { classifyHelpCase } from '../help-cases/classify-help-case';
import type { OpinionCategory } from './opinion';

/** Words about the branch's own work, which the help-case areas do not cover. */
const BRANCH_WORK = /支部|党费|组织生活|三会一课|学习|会议|开会|活动|任务|积分|书记|党员|主题党日|报到/;

/**
 * The help-case classifier first (jobs, medical care, schooling are what members most often raise); what it leaves
 * as 其他 is 支部工作 when it talks about the branch's own work.
 */
export function classifyOpinion(text: string, kb: KnowledgeBase): OpinionCategory {
  const area = classifyHelpCase(text, kb);
  if (area !== 'other') return area;
  return BRANCH_WORK.test(text) ? 'branch-work' : 'other';
}
