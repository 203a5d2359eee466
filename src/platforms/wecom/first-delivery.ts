import { dedupeKey, type ChatType, type IncomingMessage } from '../../bot/incoming-message';
import type { BotServices } from '../../bot/services';

/**
 * Durable dedupe for callbacks that answer themselves and never reach the handlers (enter_chat / enter_agent
 * welcomes): the same inbox row a message would get, marked done at once. WeCom retries a slow callback 3 times.
 */
export async function firstDelivery(
  services: BotServices,
  id: string,
  chat: { chatId: string; chatType: ChatType; userId: string },
): Promise<boolean> {
  const now = services.clock.now();
  const message: IncomingMessage = {
    platform: 'wecom',
    msgId: id,
    ...chat,
    text: '',
    media: [],
    receivedAt: now.toISOString(),
  };
  const key = dedupeKey(message);
  const fresh = await services.store.inbox.accept(key, message, now);
  if (fresh) await services.store.inbox.markDone(key, 'done', undefined, now);
  return fresh;
}
