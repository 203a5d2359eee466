import type { QuestionAnswerer } from '../src/core/qa/question-answerer';
import { askQuestion } from './ask-question';
import { openHelp } from './help-open';
import { helpList, myHelp } from './help-list';
import { categorizeHelp, closeHelp, transferHelp } from './help-manage';
import { rateHelp } from './help-rate';
import { addToHelp, replyHelp } from './help-reply';
import type { RouterExtensions } from './index';
import { reloadKb } from './reload-kb';

/** Issue 6's chat surface: help-case commands, `重载知识库`, and Q&A for everything else that reads as a question. */
export function answersAndHelp(qa: QuestionAnswerer): Required<RouterExtensions> {
  return {
    commands: [openHelp(qa), myHelp, addToHelp, rateHelp, helpList, replyHelp, transferHelp, closeHelp, categorizeHelp, reloadKb(qa)],
    beforeFallback: [askQuestion(qa)],
  };
}
