import type { Channel, ChannelDeps, ChannelHealth } from '../channel';
import { AccessTokenCache } from './access-token-cache';
import { DingtalkApi } from './dingtalk-api';
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

/**
 * The DingTalk enterprise-app robot: Stream mode (default; no public URL) or HTTP callback mode
 * (`DINGTALK_MODE=http`, `POST /dingtalk/callback`), one sender for the outbox, one media fetcher, per-org monthly
 * quota metering. Created only when DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET are set.
 */
export function dingtalkChannel({ config, bot, services }: ChannelDeps, options: DingtalkChannelOptions = {}): DingtalkChannel {
  const clientId = config.DINGTALK_CLIENT_ID!;
  const secret = config.DINGTALK_CLIENT_SECRET!;
  // An internal app's robotCode is its Client ID unless the console shows another (KB 0075).
  const robotCode = config.DINGTALK_ROBOT_CODE ?? clientId;
  const { store, clock, outbox, settings } = services;
  const log = services.log.child({ channel: 'dingtalk' });
  const meter = new QuotaMeter({
    counters: store.counters, clock, timezone: settings.timezone, org: clientId, log,
    quotas: { push: config.DINGTALK_MONTHLY_QUOTA, api: config.DINGTALK_MONTHLY_API_QUOTA },
    warnPercent: config.DINGTALK_QUOTA_WARN_PERCENT, warn: warnAdmins(outbox, settings.admins, clientId, log),
  });
  const tokens = new AccessTokenCache({ apiBase: config.DINGTALK_API_BASE, appKey: clientId, appSecret: secret, clock });
  const api = new DingtalkApi({ apiBase: config.DINGTALK_API_BASE, tokens, onCall: () => { void meter.record('api'); } });
  const sender = new DingtalkSender({ api, store, clock, meter, log, oapiBase: config.DINGTALK_OAPI_BASE, robotCode });
  const ingest = (body: unknown) => ingestRobotMessage(body, { bot, clock, log, meter, robotCode });
  const streamMode = config.DINGTALK_MODE === 'stream';
  let reconnectsSeen = 0;
  const stream = streamMode
    ? streamReceiver({
      clientId, clientSecret: secret, apiBase: config.DINGTALK_API_BASE, now: () => clock.now().getTime(), log, ingest,
      watchMs: options.watchMs, staleMs: options.staleMs,
      onStateChange: () => {
        const total = stream?.supervisor.reconnects ?? 0;
        if (total > reconnectsSeen) metrics.reconnects.inc(total - reconnectsSeen);
        reconnectsSeen = total;
      },
    })
    : undefined;
  const metrics = dingtalkMetrics({
    streamConnected: stream ? () => Number(stream.supervisor.state === 'connected') : undefined,
    used: (kind) => meter.used(kind),
    quota: (kind) => meter.quota(kind),
  });

  const health = (): ChannelHealth => {
    const calls = { push: meter.lastSeen.push?.used, api: meter.lastSeen.api?.used };
    if (!stream) return { state: 'http-callback', ok: true, detail: { mode: 'http', monthCalls: calls } };
    const { supervisor, client } = stream;
    return {
      state: supervisor.state,
      ok: supervisor.state === 'connected',
      detail: {
        mode: 'stream', reconnects: supervisor.reconnects, monthCalls: calls,
        lastActivityAt: client.lastActivityAt ? new Date(client.lastActivityAt).toISOString() : undefined,
      },
    };
  };

  return {
    name: 'dingtalk',
    platform: 'dingtalk',
    exclusive: streamMode,
    senders: [sender],
    mediaFetcher: dingtalkMediaFetcher(api, { robotCode }),
    sender,
    meter,
    stream,
    routes: streamMode ? undefined : (router) => httpCallbackRoute(router, { secret, clock, log, ingest }),
    async start() { stream?.start(); },
    async stop() { await stream?.stop(); },
    health,
  };
}
