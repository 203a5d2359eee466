import { dedupeKey, type IncomingMessage } from '../bot/incoming-message';
import type { Store } from '../store/store';

/** What the transcript and the inbox keep of a member's 1:1 review answer. */
export const ANSWER_PLACEHOLDER = '［测评答复，已匿名］';

/**
 * Once the dialogue has taken a reply (the draft moved on, the vote cast, or the question asked again), its text
 * leaves the transcript and the inbox copy: those rows name the member, so keeping "不满意" or a comment beside them
 * would undo the anonymity of the counts. Done after recording, so a message re-handled after a crash still holds
 * its text until it has counted.
 */
export async function redactAnswer(store: Store, message: IncomingMessage): Promise<void> {
  await store.inbox.redactText(dedupeKey(message), ANSWER_PLACEHOLDER);
  await store.chatLog.redact(message.platform, message.chatId, message.userId, message.text, ANSWER_PLACEHOLDER);
}

/** A message whose answer was recorded and redacted before a crash, now handled again: nothing more to do. */
export const isRedactedAnswer = (message: IncomingMessage) => message.text === ANSWER_PLACEHOLDER;
