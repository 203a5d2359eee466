import type { ProofCheck } from './proof-check';
import type { ImageFactsReader } from './image-facts';
import { nearCopyNoteCheck } from './near-copy-note-check';
import { nearDuplicateCheck } from './near-duplicate-check';
import { repeatedPhraseCheck } from './repeated-phrase-check';
import { screenshotKeywordsCheck } from './screenshot-keywords-check';
import { takenDateCheck } from './taken-date-check';

/**
 * The checks every new or replaced proof goes through, off the request path. Built once per process: the
 * near-duplicate check keeps this process's in-memory index of every earlier photo's fingerprint.
 */
export function defaultProofChecks(reader: ImageFactsReader, timezone: string): ProofCheck[] {
  return [
    takenDateCheck(reader, timezone),
    screenshotKeywordsCheck(reader),
    nearDuplicateCheck(),
    repeatedPhraseCheck,
    nearCopyNoteCheck(),
  ];
}
