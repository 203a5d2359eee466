import type { OutboxRepo } from '../store/store';
import type { Clock } from '../time/clock';
import type { OutboxPort } from './outbox-port';

/**
 * An outbox port that only persists. `zhibu jobs run` works beside a running bot: the bot holds the platform
 * connections and its outbox loop sends what the CLI enqueued; the CLI never sends or touches retry state.
 */
export function persistOnlyOutbox(items: OutboxRepo, clock: Clock): OutboxPort {
  return { enqueue: (message) => items.enqueue(message, clock.now()) };
}
