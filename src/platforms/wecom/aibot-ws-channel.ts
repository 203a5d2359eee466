import type { WsFrame } from '@wecom/aibot-node-sdk';
import { lazyGauge } from '../../observability/metrics';
import type { Channel, ChannelDeps } from '../channel';
import { AibotConnection } from './aibot-connection';
import type { AibotSessions } from './aibot-sessions';
import { parseAibotPayload } from './aibot-payload';
import { firstDelivery } from './first-delivery';
import { normalizeAibot } from './normalize-aibot';
import { WELCOME_TEXT } from './wecom-texts';

export interface AibotWsTuning {
  reconnectBaseMs?: number;
  heartbeatMs?: number;
}

export type AibotWsChannel = Channel & { readonly connection: AibotConnection };

/**
 * The AI bot over the official long connection — the default WeCom mode, as it needs no public URL. Frames are
 * normalized and handed to `bot.accept`, which stores them before anything else happens; replies go out through the
 * outbox (see wecom-sender.ts). Only one process may hold the connection: WeCom drops the older one.
 */
export function aibotWsChannel(
  { config, bot, services }: ChannelDeps,
  sessions: AibotSessions,
  tuning: AibotWsTuning = {},
): AibotWsChannel {
  const log = services.log.child({ channel: 'wecom-aibot-ws' });

  async function onFrame(frame: WsFrame): Promise<void> {
    const reqId = frame.headers?.req_id ?? '';
    // Only enter_chat among the events needs an answer; the others (disconnected_event, card clicks) may lack a sender.
    if (frame.cmd === 'aibot_event_callback' && frame.body?.event?.eventtype !== 'enter_chat') return;
    const inbound = normalizeAibot(parseAibotPayload(frame.body), { via: 'aibot-ws', reqId }, services.clock.now());
    if (inbound.kind === 'message') {
      // A member's message opens the chat to pushes (recorded before handling, which may already push there).
      await sessions.messaged(inbound.message.chatId, inbound.message.chatType);
      await bot.accept(inbound.message, { defer: true });
    } else if (inbound.kind === 'event' && inbound.eventType === 'enter_chat') {
      const fresh = await firstDelivery(services, inbound.dedupeId, {
        chatId: inbound.chatId,
        chatType: 'single',
        userId: inbound.userId,
      });
      if (fresh) await connection.replyWelcome(reqId, WELCOME_TEXT);
    }
  }

  const connection = new AibotConnection({
    botId: config.WECOM_BOT_ID!,
    secret: config.WECOM_BOT_SECRET!,
    wsUrl: config.WECOM_WS_URL,
    log,
    reconnectBaseMs: tuning.reconnectBaseMs,
    heartbeatMs: tuning.heartbeatMs,
    onFrame: (frame) => {
      void onFrame(frame).catch((err) =>
        log.error({ err: (err as Error).message, code: 'WECOM_FRAME' }, 'wecom frame not accepted'),
      );
    },
    onState: (state) => log.info({ state }, 'wecom long connection state'),
  });
  lazyGauge('zhibu_wecom_ws_connected', 'WeCom AI bot long connection: 1 when authenticated', async () =>
    connection.connected ? 1 : 0,
  );
  lazyGauge(
    'zhibu_wecom_ws_reconnects',
    'WeCom AI bot long connection reconnect attempts since start',
    async () => connection.reconnects,
  );

  return {
    name: 'wecom-aibot-ws',
    platform: 'wecom',
    exclusive: true,
    connection,
    async start() {
      connection.start();
    },
    async stop() {
      connection.stop();
    },
    health: () => ({
      state: connection.state,
      ok: connection.connected,
      detail: {
        reconnects: connection.reconnects,
        ...(connection.lastError ? { lastError: connection.lastError } : {}),
      },
    }),
  };
}
