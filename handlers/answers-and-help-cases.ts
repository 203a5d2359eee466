import type { QuestionAnswerer } from '../src/answers/question-answerer';
import { SuggestionMemory } from '../src/answers/suggestion-memory';
import { askQuestion } from './ask-question';
import { openHelpCase } from './help-case-open';
import { helpCaseList, myHelpCases } from './help-case-list';
import { pickSuggestion } from './pick-suggestion';
import { categorizeHelpCase, closeHelpCase, transferHelpCase } from './help-case-manage';
import { rateHelpCase } from './help-case-rate';
import { addToHelpCase, replyHelpCase } from './help-case-reply';
import type { RouterExtensions } from './index';
import { reloadKb } from './reload-kb';
import { opinionCommands } from './opinion-commands';

/**
 * The chat surface that needs the answerer: help-case and opinion commands (both classified against the knowledge
 * base), `重载知识库`, and Q&A for every other message.
 */
export function answersAndHelpCases(qa: QuestionAnswerer, memory = new SuggestionMemory()): Required<RouterExtensions> {
  return {
    commands: [
      openHelpCase(qa),
      myHelpCases,
      addToHelpCase,
      rateHelpCase,
      helpCaseList,
      replyHelpCase,
      transferHelpCase,
      closeHelpCase,
      categorizeHelpCase,
      reloadKb(qa),
      ...opinionCommands(qa),
    ],
    beforeFallback: [pickSuggestion(qa, memory), askQuestion(qa, memory)],
  };
}
