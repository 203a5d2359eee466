import { randomUUID } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import type Koa from 'koa';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config';
import { Bot } from '../bot/bot';
import { compose } from '../bot/composer';
import { handlingGate } from '../bot/handling-gate';
import { notifyFailedSend } from '../outbox/notify-failed-send';
import { combinePushChecks } from '../outbox/push-check';
import { systemClock, type Clock } from '../time/clock';
import { MediaResolver } from '../bot/media-resolver';
import { Outbox } from '../outbox/outbox';
import type { BotServices } from '../bot/services';
import { createApp } from '../http/create-app';
import { createLogger } from '../observability/logger';
import { lazyGauge } from '../observability/metrics';
import type { Channel } from '../platforms/channel';
import { createChannels } from '../platforms/create-channels';
import { openStore } from '../store/open-store';
import { dashboardBaseUrl, loadDashboardSecret } from '../config/dashboard-secret';
import { LoginLinks } from '../access/login-links';
import { BindingCodes } from '../members/binding-codes';
import { dashboardRoutes } from '../http/dashboard/dashboard-routes';
import { exclusiveChannel } from './exclusive-channel';
import { armFaultPoint, parseFaultPoint, withFaultPoints } from '../bot/fault-points';
import type { Store } from '../store/store';
import { WriteProbe } from '../store/write-probe';
import { createRouter } from '../../handlers';
import { answersAndHelpCases } from '../../handlers/answers-and-help-cases';
import { createAnswerer } from '../answers/create-answerer';
import { allJobs } from '../../jobs';
import { jobOptionsFrom } from '../scheduler/job-options';
import { Scheduler } from '../scheduler/scheduler';

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
  services.bindingCodes = new BindingCodes(dashboardSecret);
  // The gate lets fast-ack transports (WeCom callbacks) answer between handlings under load; see handling-gate.ts.
  const bot = new Bot(services, compose([handlingGate.middleware, createRouter(answersAndHelpCases(createAnswerer(config, log)))]));
  // Long connections (exclusive channels) run on one instance at a time, the holder of their lease.
  const channels = createChannels({ config, bot, services })
    .map((c) => (c.exclusive ? exclusiveChannel(c, { leases: store.leases, owner, clock, log }) : c));
  for (const channel of channels) {
    for (const sender of channel.senders ?? []) outbox.registerSender(sender);
    if (channel.mediaFetcher) services.media.register(channel.platform, channel.mediaFetcher);
  }
  services.checkPush = combinePushChecks(channels.flatMap((c) => (c.checkPush ? [c.checkPush] : [])));
  lazyGauge('zhibu_outbox_depth', 'Outbox items waiting to be sent', () => store.outbox.depth());
  const dashboard = dashboardRoutes(services, dashboardSecret, services.loginLinks, {
    flagRules: { outOfContactWeeks: config.OUT_OF_CONTACT_WEEKS }, secureCookies: dashboardBaseUrl(config).startsWith('https:'),
  });
  const app = createApp(services, channels, [dashboard], { trustProxy: config.TRUST_PROXY, writeProbe: new WriteProbe(store, clock, config.dataDir) });
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
      if (config.SIM_ENABLED && config.platforms.length > 0) {
        log.warn('the simulator (/sim) is on beside real platform channels (SIM_ENABLED=true, requests need SIM_TOKEN): turn it off in production');
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
