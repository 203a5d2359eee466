import type { LabelledQuestion } from './evaluate-retrieval';
import { normalizeText } from '../../text/normalize-text';
import { isChatter } from '../chatter';
import type { QuestionAnswerer } from '../question-answerer';

export interface EndToEndReport {
  answerable: number;
  /** Answerable questions whose reply is the right entry's answer (routed to the KB, confident, right entry first). */
  answeredRight: number;
  unanswerable: number;
  /** Unanswerable questions not answered: a polite decline, or "not sure" with the closest titles. */
  declined: number;
  /** …of which the polite off-topic decline. */
  politeDecline: number;
}

/**
 * What a member would get, minus commands and proof: the same routing (isChatter) and answerer the Q&A handler uses,
 * offline (no model), one question at a time.
 */
export async function evaluateEndToEnd(qa: QuestionAnswerer, set: LabelledQuestion[]): Promise<EndToEndReport> {
  const r: EndToEndReport = { answerable: 0, answeredRight: 0, unanswerable: 0, declined: 0, politeDecline: 0 };
  for (const q of set) {
    const routed = !isChatter(normalizeText(q.question));
    const result = routed ? await qa.answer(q.question) : undefined;
    if (q.expected === undefined) {
      r.unanswerable++;
      if (result?.kind !== 'answer') r.declined++;
      if (result?.kind === 'decline') r.politeDecline++;
      continue;
    }
    r.answerable++;
    if (result?.kind === 'answer' && q.expected.includes(result.titles[0])) r.answeredRight++;
  }
  return r;
}
