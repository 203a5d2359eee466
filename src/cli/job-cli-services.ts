import pino from 'pino';
import type { Config } from '../config/load-config';
import type { BotServices } from '../bot/services';
import type { Channel } from '../platforms/channel';
import { createChannels } from '../platforms/create-channels';
import { createLogger } from '../observability/logger';
import { compose, type Composition } from '../runtime/compose';
import type { Scheduler } from '../scheduler/scheduler';
import os from 'node:os';
import type { Clock } from '../time/clock';

export interface JobCliContext {
  services: BotServices;
  scheduler: Scheduler;
  /** The configured platform channels, built but never started: the running bot keeps its long connections. */
  channels(): Promise<Channel[]>;
  close(): Promise<void>;
}

/**
 * The store, services and scheduler (not started) that `zhibu jobs …` uses on the bot's DATA_DIR. Its outbox only
 * persists: the running bot holds the platform connections and sends what the CLI enqueued.
 */
export async function jobCliContext(config: Config, options: { clock?: Clock } = {}): Promise<JobCliContext> {
  // Logs go to stderr (warnings and up) so stdout stays the command's output.
  const log = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, pino.destination(2));
  const composed: Composition = await compose(config, {
    log,
    clock: options.clock,
    deliver: false,
    owner: `cli:${os.hostname()}:${process.pid}`,
    router: async () => undefined,
  });
  const { services, scheduler, bot, outbox, store } = composed;
  return {
    services,
    scheduler,
    channels: () => createChannels({ config, bot, services, outbox }),
    close: () => store.close(),
  };
}
