import os from 'node:os';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { Config } from '../config/load-config';
import { systemClock, type Clock } from '../time/clock';
import { MediaResolver } from '../bot/media-resolver';
import { Outbox } from '../outbox/outbox';
import type { OutgoingMessage, OutboxItem } from '../outbox/outbox-types';
import type { BotServices } from '../bot/services';
import { createLogger } from '../observability/logger';
import { openStore } from '../store/open-store';
import type { OutboxRepo, Store } from '../store/store';
import { allJobs } from '../../jobs';
import { jobOptionsFrom } from '../scheduler/job-options';
import { Scheduler } from '../scheduler/scheduler';

/**
 * An outbox that only persists. `zhibu jobs run` works beside a running bot: the bot holds the platform
 * connections and its outbox loop sends what the CLI enqueued; the CLI never sends or touches retry state.
 */
class PersistOnlyOutbox extends Outbox {
  constructor(private readonly items: OutboxRepo, store: Store, private readonly time: Clock, log: BotServices['log']) {
    super(store.outbox, store.chatLog, time, log, { owner: 'cli' });
  }

  override async enqueue(message: OutgoingMessage): Promise<OutboxItem> {
    return this.items.enqueue(message, this.time.now());
  }
}

export interface JobCliContext {
  services: BotServices;
  scheduler: Scheduler;
  close(): Promise<void>;
}

/** The store, services and scheduler (not started) that `zhibu jobs …` uses on the bot's DATA_DIR. */
export async function jobCliContext(config: Config): Promise<JobCliContext> {
  // Logs go to stderr (warnings and up) so stdout stays the command's output.
  const log = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, pino.destination(2));
  const store = await openStore(config);
  const clock = systemClock;
  const services: BotServices = {
    store, clock, log, outbox: new PersistOnlyOutbox(store.outbox, store, clock, log), media: new MediaResolver(store.blobs),
    settings: { timezone: config.BOT_TIMEZONE, admins: config.admins, holdMinutes: config.PROOF_HOLD_MINUTES },
  };
  const owner = `cli:${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const scheduler = new Scheduler(allJobs, services, { owner, options: jobOptionsFrom(config) });
  return { services, scheduler, close: () => store.close() };
}
