import http from 'node:http';
import os from 'node:os';
import type Koa from 'koa';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config';
import { Bot } from '../core/bot';
import { systemClock, type Clock } from '../core/clock';
import { MediaResolver } from '../core/media-resolver';
import { Outbox } from '../core/outbox';
import type { BotServices } from '../core/services';
import { createApp } from '../http/create-app';
import { createLogger } from '../observability/logger';
import { lazyGauge } from '../observability/metrics';
import type { Channel } from '../platforms/channel';
import { createChannels } from '../platforms/create-channels';
import { openStore } from '../store/open-store';
import type { Store } from '../store/store';
import { createRouter } from '../../handlers';

export interface Runtime {
  config: Config;
  services: BotServices;
  bot: Bot;
  channels: Channel[];
  app: Koa;
  /** Starts channels, the outbox loop, recovers unprocessed messages and listens on PORT. */
  start(port?: number): Promise<http.Server>;
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  clock?: Clock;
  log?: Logger;
  store?: Store;
}

/** The composition root: config → store → services → bot → channels → HTTP. */
export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const clock = options.clock ?? systemClock;
  const store = options.store ?? (await openStore(config));
  const owner = `${os.hostname()}:${process.pid}`;
  const outbox = new Outbox(store.outbox, store.chatLog, clock, log, { owner });
  const services: BotServices = {
    store, clock, log, outbox, media: new MediaResolver(store.blobs),
    settings: { timezone: config.BOT_TIMEZONE, admins: config.admins, holdMinutes: config.PROOF_HOLD_MINUTES },
  };
  const bot = new Bot(services, createRouter());
  const channels = createChannels({ config, bot, services });
  for (const channel of channels) {
    for (const sender of channel.senders ?? []) outbox.registerSender(sender);
    if (channel.mediaFetcher) services.media.register(channel.platform, channel.mediaFetcher);
  }
  lazyGauge('zhibu_outbox_depth', 'Outbox items waiting to be sent', () => store.outbox.depth());
  const app = createApp(services, channels);
  let server: http.Server | undefined;

  return {
    config, services, bot, channels, app,
    async start(port = config.PORT) {
      const recovered = await bot.recover();
      if (recovered) log.info({ recovered }, 'handled messages left unprocessed by the last run');
      outbox.start();
      for (const channel of channels) await channel.start?.();
      server = http.createServer(app.callback());
      await new Promise<void>((resolve) => server!.listen(port, resolve));
      log.info({ port, store: store.kind, channels: channels.map((c) => c.name) }, 'zhibu-bot listening');
      return server;
    },
    async stop() {
      for (const channel of channels) await channel.stop?.();
      await outbox.stop();
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      await store.close();
    },
  };
}
