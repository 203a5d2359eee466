import type { OutboxItem, OutgoingMessage } from './outbox-types';

/**
 * What handlers and jobs may do with the outbox: put a message in it. Sending, draining and retrying belong to
 * the runtime that holds the platform connections.
 */
export interface OutboxPort {
  enqueue(message: OutgoingMessage): Promise<OutboxItem>;
}
