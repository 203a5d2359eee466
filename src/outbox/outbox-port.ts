import type { InThreadReply, OutboxItem, OutgoingMessage } from './outbox-types';

/**
 * What handlers and jobs may do with the outbox: put a message in it. Sending, draining and retrying belong to
 * the runtime that holds the platform connections.
 */
export interface OutboxPort {
  /** `inThread`: the open response of the request being answered, offered the message first where one exists. */
  enqueue(message: OutgoingMessage, inThread?: InThreadReply): Promise<OutboxItem>;
}
