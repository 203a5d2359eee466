import { splitByBytes } from './split-by-bytes';

/** WeCom text is capped at 2048 bytes; staying under this leaves room for platform framing. */
export const MAX_MESSAGE_BYTES = 1800;

/** Splits a long job post at line breaks into parts every platform accepts as one message. */
export function splitMessage(text: string, maxBytes = MAX_MESSAGE_BYTES): string[] {
  return splitByBytes(text, maxBytes);
}
