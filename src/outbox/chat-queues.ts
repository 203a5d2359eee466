import type { Platform } from '../bot/incoming-message';
import type { OutboxItem } from './outbox-types';

export interface ChatQueues {
  /** One chat per platform not known to answer: sent first, alone, so a down endpoint costs one send. */
  probes: OutboxItem[][];
  /** Every other chat, sent side by side once the probes are done. */
  rest: OutboxItem[][];
}

/**
 * Splits due items into one queue per chat, each in the order given (a chat's messages must arrive in order; chats
 * are independent of each other).
 */
export function chatQueues(items: OutboxItem[], answers: (platform: Platform) => boolean): ChatQueues {
  const chats = new Map<string, OutboxItem[]>();
  for (const item of items) {
    const key = `${item.target.platform}\n${item.target.chatId}`;
    const queue = chats.get(key);
    if (queue) queue.push(item);
    else chats.set(key, [item]);
  }
  const probes = new Map<Platform, OutboxItem[]>();
  const rest: OutboxItem[][] = [];
  for (const queue of chats.values()) {
    const platform = queue[0].target.platform;
    if (answers(platform) || probes.has(platform)) rest.push(queue);
    else probes.set(platform, queue);
  }
  return { probes: [...probes.values()], rest };
}
