import type { Channel, ChannelDeps } from '../channel';
import { aibotHttpChannel } from './aibot-http-channel';
import { AibotSessions } from './aibot-sessions';
import { aibotWsChannel, type AibotWsTuning } from './aibot-ws-channel';
import { WecomAppApi } from './app-api';
import { appChannel } from './app-channel';
import { PassiveReplies } from './passive-replies';
import { WebhookClient } from './webhook-client';
import { webhookPushTarget } from './webhook-push-target';
import { wecomMediaFetcher } from './wecom-media-fetcher';
import { WecomSender } from './wecom-sender';
import { wecomPushCheck } from './wecom-push-check';

/** Timings tests shorten (the long connection's back-off); production uses the SDK's defaults. */
export interface WecomTuning {
  ws?: AibotWsTuning;
}

/** Which WeCom pieces the settings switch on (DESIGN.md §3). */
export function wecomParts(c: ChannelDeps['config']) {
  return {
    ws: !!(c.WECOM_BOT_ID && c.WECOM_BOT_SECRET),
    botCallback: !!(c.WECOM_BOT_TOKEN && c.WECOM_BOT_AES_KEY),
    appApi: !!(c.WECOM_CORP_ID && c.WECOM_AGENT_ID && c.WECOM_APP_SECRET),
    appCallback: !!(c.WECOM_CORP_ID && c.WECOM_APP_TOKEN && c.WECOM_APP_AES_KEY),
  };
}

/**
 * Every WeCom channel whose credentials are set: the AI bot's long connection (exclusive), its HTTP callback, the
 * self-built app's callback — plus one send-only channel that carries the shared sender (reply paths, group robot
 * webhooks, app message/send) and the media fetcher, so those work whichever way a message came in.
 */
export function wecomChannels(deps: ChannelDeps, tuning: WecomTuning = {}): Channel[] {
  const { config, services } = deps;
  const parts = wecomParts(config);
  if (!parts.ws && !parts.botCallback && !parts.appCallback && !parts.appApi) return [];
  // A passive answer is only worth waiting for where this instance's outbox sends WeCom messages.
  const passive: PassiveReplies = new PassiveReplies((): boolean => sender.ready());
  const app = parts.appApi
    ? new WecomAppApi(
        {
          apiBase: config.WECOM_API_BASE,
          corpId: config.WECOM_CORP_ID!,
          secret: config.WECOM_APP_SECRET!,
          agentId: Number(config.WECOM_AGENT_ID),
        },
        services.clock,
      )
    : undefined;
  const sessions = new AibotSessions(services);
  const ws = parts.ws ? aibotWsChannel(deps, sessions, tuning.ws) : undefined;
  const webhook = new WebhookClient(config.WECOM_API_BASE);
  const sender: WecomSender = new WecomSender({
    services,
    outbox: deps.outbox,
    app,
    sessions,
    connection: ws?.connection,
    botId: config.WECOM_BOT_ID,
    webhook,
  });
  const core: Channel = {
    name: 'wecom',
    platform: 'wecom',
    senders: [sender],
    mediaFetcher: wecomMediaFetcher({ botAesKey: config.WECOM_BOT_AES_KEY, app }),
    health: () => ({ state: 'enabled', ok: true, detail: { ...parts } }),
    checkPush: wecomPushCheck({ webhook, sessions, app, connection: ws?.connection, httpCallback: parts.botCallback }),
    pushTarget: webhookPushTarget,
  };
  const channels: Channel[] = [core];
  if (ws) channels.push(ws);
  if (parts.botCallback) channels.push(aibotHttpChannel(deps, passive, sessions));
  if (parts.appCallback) channels.push(appChannel(deps, passive));
  return channels;
}
