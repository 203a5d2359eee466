import type { KnowledgeBase } from '../answers/kb/knowledge-base';
import { classifyHelpCase } from '../help-cases/classify-help-case';
import type { OpinionCategory } from './opinion';

/**
 * Words that put an opinion about the branch's own work (study, meetings, dues, activities), which the help-case
 * areas do not cover. Generic words (支部, 书记, 党员) are left out: "支部能不能帮忙介绍工作" is about jobs.
 */
const BRANCH_WORK = /党费|组织生活|三会一课|主题党日|学习|会议|开会|活动|夜谈会|积分|任务/;

/**
 * An opinion that names the branch's own work is 支部工作 (it may mention 打工 only as the reason); otherwise the
 * help-case classifier decides among jobs, medical care, schooling and 其他.
 */
export function classifyOpinion(text: string, kb: KnowledgeBase): OpinionCategory {
  return BRANCH_WORK.test(text) ? 'branch-work' : classifyHelpCase(text, kb);
}
