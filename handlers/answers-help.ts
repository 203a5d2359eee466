import type { QuestionAnswerer } from '../src/core/qa/question-answerer';
import { SuggestionMemory } from '../src/core/qa/suggestion-memory';
import { askQuestion } from './ask-question';
import { openHelp } from './help-open';
import { helpList, myHelp } from './help-list';
import { pickSuggestion } from './pick-suggestion';
import { categorizeHelp, closeHelp, transferHelp } from './help-manage';
import { rateHelp } from './help-rate';
import { addToHelp, replyHelp } from './help-reply';
import type { RouterExtensions } from './index';
import { reloadKb } from './reload-kb';

/** The Q&A and help-case chat surface: help-case commands, `重载知识库`, and Q&A for every other message. */
export function answersAndHelp(qa: QuestionAnswerer, memory = new SuggestionMemory()): Required<RouterExtensions> {
  return {
    commands: [openHelp(qa), myHelp, addToHelp, rateHelp, helpList, replyHelp, transferHelp, closeHelp, categorizeHelp, reloadKb(qa)],
    beforeFallback: [pickSuggestion(qa, memory), askQuestion(qa, memory)],
  };
}
