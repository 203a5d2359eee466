/**
 * The matching form of a chat message. People start messages with an @mention (the platform may leave its own
 * "@机器人" in the text, the simulator always does), end them with 。？！～… and type full-width letters; none of
 * that changes which command they mean. These forms are for matching only — what people wrote is kept verbatim.
 */
import { normalizeText } from './normalize-text';

// A mention is "@name" followed by a space (WeCom puts U+2005 after it) or the end of the text.
const LEADING_MENTIONS = /^(?:[\s\u2005]*@[^\s\u2005@]+(?:[\s\u2005]+|$))+/u;
const EDGE_PUNCTUATION = /^[\s.。?？!！~～…,，、;；:：·]+|[\s.。?？!！~～…,，、;；:：·]+$/gu;

/** The text without leading @mentions (any platform's form), otherwise exactly as typed. */
export function stripMentions(text: string): string {
  return text.replace(LEADING_MENTIONS, '').trim();
}

/** Drops sentence punctuation around a message; a message of punctuation alone (`？`) keeps it. */
export function trimEdgePunctuation(text: string): string {
  const trimmed = text.replace(EDGE_PUNCTUATION, '');
  return trimmed || text;
}

/** What command matching compares against: no mentions, half-width, no surrounding punctuation. */
export function commandForm(text: string): string {
  return trimEdgePunctuation(normalizeText(stripMentions(text)));
}
