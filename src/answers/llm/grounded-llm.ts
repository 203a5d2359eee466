import type { KbEntry } from '../kb/kb-entry';

/**
 * A language model that answers a question from given passages only (src/answers/llm/openai-grounded-llm.ts speaks the
 * OpenAI chat-completions protocol). Returns the raw model text, or NO_ANSWER when the passages do not cover the
 * question; throws on timeout or any transport error so the caller falls back to the retrieval answer.
 */
export interface GroundedLlm {
  readonly model: string;
  answer(question: string, passages: readonly KbEntry[]): Promise<string>;
}

/** What the model is told to answer when the passages do not cover the question. */
export const NO_ANSWER = '无法回答';
