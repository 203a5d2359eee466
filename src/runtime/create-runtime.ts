import http from 'node:http';
import type Koa from 'koa';
import type { Config } from '../config/load-config';
import type { Bot } from '../bot/bot';
import { combinePushChecks } from '../outbox/push-check';
import type { Outbox } from '../outbox/outbox';
import type { BotServices } from '../bot/services';
import { createApp } from '../http/create-app';
import { lazyGauge } from '../observability/metrics';
import type { Channel } from '../platforms/channel';
import { createChannels } from '../platforms/create-channels';
import { dashboardBaseUrl } from '../config/dashboard-secret';
import { dashboardRoutes } from '../http/dashboard/dashboard-routes';
import { exclusiveChannel } from './exclusive-channel';
import { WriteProbe } from '../store/write-probe';
import type { Scheduler } from '../scheduler/scheduler';
import { compose, type ComposeOptions, type Composition } from './compose';
import type { ProofCheckRunner } from '../tasks/proof-checks/proof-check-runner';

export interface Runtime {
  config: Config;
  services: BotServices;
  bot: Bot;
  /** The delivery side of the outbox (tests drain it); handlers only see `services.outbox`. */
  outbox: Outbox;
  channels: Channel[];
  app: Koa;
  /** Scheduled jobs (jobs/), started with the runtime unless JOBS_ENABLED=false. */
  scheduler: Scheduler;
  /** Proof checks off the request path; `start` resumes the ones a previous run left pending. */
  proofChecks: ProofCheckRunner;
  /** Starts channels, the outbox loop, recovers unprocessed messages and listens on PORT. */
  start(port?: number): Promise<http.Server>;
  stop(): Promise<void>;
}

export type RuntimeOptions = Omit<ComposeOptions, 'deliver'>;

/** What `serve` runs: the composition plus channels, HTTP and the start/stop order. */
export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const composed = await compose(config, options);
  const { store, clock, log, owner, outbox, services, bot, scheduler } = composed;
  // Long connections (exclusive channels) run on one instance at a time, the holder of their lease.
  const channels = (await createChannels({ config, bot, services, outbox })).map((c) =>
    c.exclusive ? exclusiveChannel(c, { leases: store.leases, owner, clock, log }) : c,
  );
  attachChannels(composed, channels);
  lazyGauge('zhibu_outbox_depth', 'Outbox items waiting to be sent', () => store.outbox.depth());
  const dashboard = dashboardRoutes(services, composed.dashboardSecret, composed.loginLinks, {
    flagRules: { outOfContactWeeks: config.OUT_OF_CONTACT_WEEKS },
    secureCookies: dashboardBaseUrl(config).startsWith('https:'),
  });
  const app = createApp(services, channels, [dashboard], {
    trustProxy: config.TRUST_PROXY,
    writeProbe: new WriteProbe(store, clock, config.dataDir),
  });
  let server: http.Server | undefined;

  return {
    config,
    services,
    bot,
    outbox,
    channels,
    app,
    scheduler,
    proofChecks: composed.proofChecks,
    async start(port = config.PORT) {
      const recovered = await bot.recover();
      if (recovered) log.info({ recovered }, 'handled messages left unprocessed by the last run');
      outbox.start();
      composed.proofChecks.wake();
      for (const channel of channels) await channel.start?.();
      await scheduler.start();
      server = http.createServer(app.callback());
      await new Promise<void>((resolve) => server!.listen(port, resolve));
      log.info({ port, store: store.kind, channels: channels.map((c) => c.name) }, 'zhibu-bot listening');
      if (config.SIM_ENABLED && config.platforms.length > 0) {
        log.warn(
          'the simulator (/sim) is on beside real platform channels (SIM_ENABLED=true, requests need SIM_TOKEN): turn it off in production',
        );
      }
      return server;
    },
    async stop() {
      await scheduler.stop();
      for (const channel of channels) await channel.stop?.();
      await composed.proofChecks.stop();
      await outbox.stop();
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      await store.close();
    },
  };
}

/** Gives the outbox each channel's senders, the media resolver its fetchers, the handlers its push-target parsers. */
export function attachChannels(
  { outbox, services }: Pick<Composition, 'outbox' | 'services'>,
  channels: Channel[],
): void {
  for (const channel of channels) {
    for (const sender of channel.senders ?? []) outbox.registerSender(sender);
    if (channel.mediaFetcher) services.media.register(channel.platform, channel.mediaFetcher);
    if (channel.pushTarget) services.pushTargets.register(channel.platform, channel.pushTarget);
  }
  services.checkPush = combinePushChecks(channels.flatMap((c) => (c.checkPush ? [c.checkPush] : [])));
}
