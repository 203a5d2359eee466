import type { Sender } from '../../outbox/sender';

/**
 * The simulator's "platform" is the chat transcript itself: the outbox appends every sent message to the chat log,
 * which `GET /sim/api/chats/:chatId/messages` reads. Nothing leaves the machine.
 */
export const simSender: Sender = {
  platform: 'sim',
  perMinute: Number.POSITIVE_INFINITY,
  robotKey: () => 'sim',
  async send() {
    /* delivered by being logged */
  },
};
