import type { ProofCheck } from './proof-check';
import type { ImageFactsReader } from './image-facts';
import { nearCopyNoteCheck } from './near-copy-note-check';
import { repeatedPhraseCheck } from './repeated-phrase-check';
import { screenshotKeywordsCheck } from './screenshot-keywords-check';
import { takenDateCheck } from './taken-date-check';

/** The checks every new or replaced proof goes through, off the request path. */
export function defaultProofChecks(reader: ImageFactsReader, timezone: string): ProofCheck[] {
  return [takenDateCheck(reader, timezone), screenshotKeywordsCheck(reader), repeatedPhraseCheck, nearCopyNoteCheck];
}
