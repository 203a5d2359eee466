import { randomUUID } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import type Koa from 'koa';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config';
import { Bot } from '../core/bot';
import { compose } from '../core/composer';
import { handlingGate } from '../core/handling-gate';
import { notifyFailedSend } from '../core/notify-failed-send';
import { combinePushChecks } from '../core/push-check';
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
import { dashboardBaseUrl, loadDashboardSecret } from '../config/dashboard-secret';
import { LoginLinks } from '../core/login-links';
import { dashboardRoutes } from '../http/dashboard/dashboard-routes';
import { exclusiveChannel } from './exclusive-channel';
import { armFaultPoint, parseFaultPoint, withFaultPoints } from '../core/fault-points';
import type { Store } from '../store/store';
import { createRouter } from '../../handlers';
import { answersAndHelp } from '../../handlers/answers-help';
import { createAnswerer } from './create-answerer';
import { allJobs } from '../../jobs';
import { jobOptionsFrom } from '../jobs/job-options';
import { Scheduler } from '../jobs/scheduler';

export interface Runtime {
  config: Config;
  services: BotServices;
  bot: Bot;
  channels: Channel[];
  app: Koa;
  /** Scheduled jobs (jobs/), started with the runtime unless JOBS_ENABLED=false. */
  scheduler: Scheduler;
  /** Starts channels, the outbox loop, recovers unprocessed messages and listens on PORT. */
  start(port?: number): Promise<http.Server>;
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  clock?: Clock;
  log?: Logger;
  store?: Store;
  /** Names this instance in outbox claims and leases; defaults to `host:pid`. */
  owner?: string;
}

/** The composition root: config → store → services → bot → channels → HTTP. */
export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const clock = options.clock ?? systemClock;
  const faultPoint = parseFaultPoint(config.ZHIBU_FAULT_POINT);
  armFaultPoint(faultPoint);
  const opened = options.store ?? (await openStore(config));
  const store = faultPoint ? withFaultPoints(opened) : opened;
  if (faultPoint) log.warn({ faultPoint }, 'crash testing: ZHIBU_FAULT_POINT kills this process in the middle of a command; never set it in production');
  const owner = options.owner ?? `${os.hostname()}:${process.pid}`;
  // A message given up on is shown privately to the chat's branch secretaries (never looping on its own notices).
  const onFailed = notifyFailedSend({ store, log, enqueue: (m) => outbox.enqueue(m) });
  const outbox = new Outbox(store.outbox, store.chatLog, clock, log, { owner, onFailed });
  const services: BotServices = {
    store, clock, log, outbox, media: new MediaResolver(store.blobs),
    settings: { timezone: config.BOT_TIMEZONE, admins: config.admins, holdMinutes: config.PROOF_HOLD_MINUTES },
  };
  const dashboardSecret = loadDashboardSecret(config);
  services.loginLinks = new LoginLinks(dashboardSecret, dashboardBaseUrl(config));
  // The gate lets fast-ack transports (WeCom callbacks) answer between handlings under load; see handling-gate.ts.
  const bot = new Bot(services, compose([handlingGate.middleware, createRouter(answersAndHelp(createAnswerer(config, log)))]));
  // Long connections (exclusive channels) run on one instance at a time, the holder of their lease.
  const channels = createChannels({ config, bot, services })
    .map((c) => (c.exclusive ? exclusiveChannel(c, { leases: store.leases, owner, clock, log }) : c));
  for (const channel of channels) {
    for (const sender of channel.senders ?? []) outbox.registerSender(sender);
    if (channel.mediaFetcher) services.media.register(channel.platform, channel.mediaFetcher);
  }
  services.checkPush = combinePushChecks(channels.flatMap((c) => (c.checkPush ? [c.checkPush] : [])));
  lazyGauge('zhibu_outbox_depth', 'Outbox items waiting to be sent', () => store.outbox.depth());
  const app = createApp(services, channels, [dashboardRoutes(services, dashboardSecret, services.loginLinks, { outOfContactWeeks: config.OUT_OF_CONTACT_WEEKS })]);
  // A unique lease owner per runtime: two runtimes in one process must still exclude each other.
  const scheduler = new Scheduler(allJobs, services, { owner: `${owner}:${randomUUID().slice(0, 8)}`, options: jobOptionsFrom(config), enabled: config.JOBS_ENABLED });
  let server: http.Server | undefined;

  return {
    config, services, bot, channels, app, scheduler,
    async start(port = config.PORT) {
      const recovered = await bot.recover();
      if (recovered) log.info({ recovered }, 'handled messages left unprocessed by the last run');
      outbox.start();
      for (const channel of channels) await channel.start?.();
      await scheduler.start();
      server = http.createServer(app.callback());
      await new Promise<void>((resolve) => server!.listen(port, resolve));
      log.info({ port, store: store.kind, channels: channels.map((c) => c.name) }, 'zhibu-bot listening');
      if (config.SIM_ENABLED && channels.some((c) => c.platform !== 'sim')) {
        log.warn('the simulator (/sim) is on beside real platform channels: it trusts any user id, set SIM_ENABLED=false in production');
      }
      return server;
    },
    async stop() {
      await scheduler.stop();
      for (const channel of channels) await channel.stop?.();
      await outbox.stop();
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      await store.close();
    },
  };
}
