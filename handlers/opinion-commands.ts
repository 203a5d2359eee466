import type { CommandSpec } from '../src/bot/commands';
import type { QuestionAnswerer } from '../src/answers/question-answerer';
import { answerOpinion } from './opinion-answer';
import { closeOpinion } from './opinion-close';
import { disputeOpinion } from './opinion-dispute';
import { opinionList } from './opinion-list';
import { myOpinions } from './opinion-mine';
import { openOpinion } from './opinion-open';
import { referOpinion } from './opinion-refer';

/** The 意见建议 chat surface (the opening command classifies with the knowledge base, as 求助 does). */
export function opinionCommands(qa: QuestionAnswerer): CommandSpec[] {
  return [openOpinion(qa), myOpinions, disputeOpinion, opinionList, answerOpinion, closeOpinion, referOpinion];
}
