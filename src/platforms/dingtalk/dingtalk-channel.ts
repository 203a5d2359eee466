import type { Config } from '../../config/load-config';
import type { BotServices } from '../../bot/services';
import type { Channel, ChannelDeps, ChannelHealth } from '../channel';
import { AccessTokenCache } from './access-token-cache';
import { customRobotPushTarget } from './custom-robot-push-target';
import { DingtalkApi } from './dingtalk-api';
import { dingtalkPushCheck } from './dingtalk-push-check';
import { dingtalkMetrics } from './dingtalk-metrics';
import { DingtalkSender } from './dingtalk-sender';
import { httpCallbackRoute } from './http-callback-route';
import { ingestRobotMessage } from './ingest-robot-message';
import { dingtalkMediaFetcher } from './media-fetcher';
import { QuotaMeter } from './quota-meter';
import { warnAdmins } from './quota-warning';
import { streamReceiver, type StreamReceiver } from './stream-receiver';

export interface DingtalkChannelOptions {
  /** Health-watch period and silence limit for Stream mode (defaults 5 s and 60 s). */
  watchMs?: number;
  staleMs?: number;
}

export interface DingtalkChannel extends Channel {
  sender: DingtalkSender;
  meter: QuotaMeter;
  stream?: StreamReceiver;
}

/** The app's outbound side: quota meter, token cache, OpenAPI client and the outbox sender. */
function outboundParts(config: Config, services: BotServices, log: BotServices['log'], robotCode: string) {
  const { store, clock, outbox, settings } = services;
  const clientId = config.DINGTALK_CLIENT_ID!;
  const meter = new QuotaMeter({
    counters: store.counters,
    clock,
    timezone: settings.timezone,
    org: clientId,
    log,
    quotas: { push: config.DINGTALK_MONTHLY_QUOTA, api: config.DINGTALK_MONTHLY_API_QUOTA },
    warnPercent: config.DINGTALK_QUOTA_WARN_PERCENT,
    warn: warnAdmins(outbox, settings.admins, clientId, log),
  });
  const tokens = new AccessTokenCache({
    apiBase: config.DINGTALK_API_BASE,
    appKey: clientId,
    appSecret: config.DINGTALK_CLIENT_SECRET!,
    clock,
  });
  const api = new DingtalkApi({
    apiBase: config.DINGTALK_API_BASE,
    tokens,
    onCall: () => {
      void meter.record('api');
    },
  });
  const sender = new DingtalkSender({ api, store, clock, meter, log, oapiBase: config.DINGTALK_OAPI_BASE, robotCode });
  return { meter, api, sender, tokens };
}

function healthOf(meter: QuotaMeter, stream: StreamReceiver | undefined): () => ChannelHealth {
  return () => {
    const monthCalls = { push: meter.lastSeen.push?.used, api: meter.lastSeen.api?.used };
    if (!stream) return { state: 'http-callback', ok: true, detail: { mode: 'http', monthCalls } };
    const { supervisor, client } = stream;
    const lastActivityAt = client.lastActivityAt ? new Date(client.lastActivityAt).toISOString() : undefined;
    return {
      state: supervisor.state,
      ok: supervisor.state === 'connected',
      detail: { mode: 'stream', reconnects: supervisor.reconnects, lastActivityAt, monthCalls },
    };
  };
}

/**
 * The DingTalk enterprise-app robot: Stream mode (default; no public URL) or HTTP callback mode
 * (`DINGTALK_MODE=http`, `POST /dingtalk/callback`), one sender for the outbox, one media fetcher, per-org monthly
 * quota metering, and the custom-robot parser for 「设置推送」. Created only when DINGTALK_CLIENT_ID and
 * DINGTALK_CLIENT_SECRET are set.
 */
export function dingtalkChannel(
  { config, bot, services }: ChannelDeps,
  options: DingtalkChannelOptions = {},
): DingtalkChannel {
  const clientId = config.DINGTALK_CLIENT_ID!;
  const secret = config.DINGTALK_CLIENT_SECRET!;
  // An internal app's robotCode is its Client ID unless the console shows another (KB 0075).
  const robotCode = config.DINGTALK_ROBOT_CODE ?? clientId;
  const { clock } = services;
  const log = services.log.child({ channel: 'dingtalk' });
  const { meter, api, sender, tokens } = outboundParts(config, services, log, robotCode);
  const ingest = (body: unknown) => ingestRobotMessage(body, { bot, clock, log, meter, robotCode });
  const streamMode = config.DINGTALK_MODE === 'stream';
  const stream = streamMode
    ? streamReceiver({
        clientId,
        clientSecret: secret,
        apiBase: config.DINGTALK_API_BASE,
        now: () => clock.now().getTime(),
        log,
        ingest,
        watchMs: options.watchMs,
        staleMs: options.staleMs,
      })
    : undefined;
  dingtalkMetrics({
    stream: stream && {
      connected: () => stream.supervisor.state === 'connected',
      reconnects: () => stream.supervisor.reconnects,
    },
    used: (kind) => meter.used(kind),
    quota: (kind) => meter.quota(kind),
  });
  return {
    name: 'dingtalk',
    platform: 'dingtalk',
    exclusive: streamMode,
    senders: [sender],
    mediaFetcher: dingtalkMediaFetcher(api, { robotCode }),
    sender,
    meter,
    stream,
    routes: streamMode
      ? undefined
      : (router) =>
          httpCallbackRoute(router, {
            secret,
            clock,
            log,
            ingest,
            nonces: services.store.nonces,
            app: { robotCode, corpId: config.DINGTALK_CORP_ID },
          }),
    async start() {
      stream?.start();
    },
    async stop() {
      await stream?.stop();
    },
    health: healthOf(meter, stream),
    checkPush: dingtalkPushCheck({ tokens, meter, clock, oapiBase: config.DINGTALK_OAPI_BASE }),
    // 「设置推送」 / 「添加推送群」 read a custom robot's address and 加签 secret through this parser.
    pushTarget: customRobotPushTarget,
  };
}
