import type { WSClient, Logger as SdkLogger, WsFrame } from '@wecom/aibot-node-sdk';
import type { Logger } from 'pino';
import { SendError } from '../../outbox/sender';
import { sendErrorFor } from './wecom-errcodes';

export type WsState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'auth_failed' | 'replaced' | 'stopped';

export interface AibotConnectionOptions {
  botId: string;
  secret: string;
  wsUrl?: string;
  /** Base of the SDK's exponential back-off (1 s → 30 s cap). */
  reconnectBaseMs?: number;
  heartbeatMs?: number;
  log: Logger;
  onFrame(frame: WsFrame): void;
  onState?(state: WsState): void;
}

/** The SDK logs frame bodies (message text) at debug level: those never reach our logs. */
function sdkLogger(log: Logger): SdkLogger {
  return {
    debug: () => undefined,
    info: (msg: string) => log.debug({ sdk: true }, msg),
    warn: (msg: string) => log.warn({ sdk: true }, msg),
    error: (msg: string, ...args: unknown[]) =>
      log.error({ sdk: true, detail: args.map(String).join(' ').slice(0, 200) }, msg),
  };
}

/** Turns what the SDK rejects with (an Error, or the ack frame with a non-zero errcode) into a SendError. */
export function wsSendError(what: string, err: unknown): SendError {
  const frame = err as Partial<WsFrame>;
  if (frame && typeof frame.errcode === 'number') return sendErrorFor(what, frame.errcode, frame.errmsg ?? '');
  const message = err instanceof Error ? err.message : String(err);
  return new SendError(`${what}: ${message}`, true, {
    code: 'WS_DOWN',
    fix: 'the long connection is down; the send is retried after it reconnects',
  });
}

/**
 * The AI bot's long connection through the official SDK: authentication, heartbeat and reconnect with back-off are
 * the SDK's; this class watches the state (for /healthz and /metrics) and gives the sender typed errors.
 */
export class AibotConnection {
  state: WsState = 'idle';
  reconnects = 0;
  lastError?: string;
  private readonly client: WSClient;
  private readonly waiters: Array<() => void> = [];

  constructor(private readonly opts: AibotConnectionOptions) {
    // Loaded here, not at the top: the SDK brings axios and ws (about 20 MB resident) that a bot without the long
    // connection (HTTP callback mode) never uses.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require('@wecom/aibot-node-sdk') as typeof import('@wecom/aibot-node-sdk');
    this.client = new sdk.WSClient({
      botId: opts.botId,
      secret: opts.secret,
      wsUrl: opts.wsUrl,
      logger: sdkLogger(opts.log),
      reconnectInterval: opts.reconnectBaseMs ?? 1000,
      heartbeatInterval: opts.heartbeatMs ?? 30_000,
      maxReconnectAttempts: -1,
      maxAuthFailureAttempts: 5,
    });
    this.client.on('connected', () => this.setState('connecting'));
    this.client.on('authenticated', () => this.setState('connected'));
    this.client.on('reconnecting', () => {
      this.reconnects++;
      this.setState('reconnecting');
    });
    this.client.on('disconnected', (reason: string) => this.onDisconnected(reason));
    this.client.on('error', (err: Error) => this.onError(err));
    this.client.on('message', (frame: WsFrame) => opts.onFrame(frame));
    this.client.on('event', (frame: WsFrame) => opts.onFrame(frame));
  }

  get connected(): boolean {
    return this.state === 'connected' && this.client.isConnected;
  }

  start(): void {
    this.setState('connecting');
    this.client.connect();
  }

  stop(): void {
    this.setState('stopped');
    this.client.disconnect();
  }

  /** Resolves at the next successful authentication (tests and start-up logs). */
  whenConnected(): Promise<void> {
    if (this.connected) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** A one-shot stream reply (finish = true) on the frame's req_id. */
  async replyStream(reqId: string, streamId: string, content: string): Promise<void> {
    await this.call('aibot_respond_msg', () =>
      this.client.replyStream({ headers: { req_id: reqId } }, streamId, content, true),
    );
  }

  async replyWelcome(reqId: string, content: string): Promise<void> {
    await this.call('aibot_respond_welcome_msg', () =>
      this.client.replyWelcome({ headers: { req_id: reqId } }, { msgtype: 'text', text: { content } }),
    );
  }

  /** Proactive push to a group chatid or a member's userid, no callback frame needed. */
  async sendMarkdown(chatId: string, content: string): Promise<void> {
    await this.call('aibot_send_msg', () =>
      this.client.sendMessage(chatId, { msgtype: 'markdown', markdown: { content } }),
    );
  }

  private async call(what: string, run: () => Promise<unknown>): Promise<void> {
    if (!this.connected) throw wsSendError(what, new Error(`long connection ${this.state}`));
    try {
      await run();
    } catch (err) {
      throw wsSendError(what, err);
    }
  }

  private setState(state: WsState): void {
    if (this.state === 'stopped' && state !== 'connecting') return;
    this.state = state;
    if (state === 'connected') this.waiters.splice(0).forEach((w) => w());
    this.opts.onState?.(state);
  }

  private onDisconnected(reason: string): void {
    this.lastError = reason;
    // The server sends disconnected_event when another connection for this bot took over; the SDK then stays down.
    if (/new connection/i.test(reason)) {
      this.opts.log.error(
        { fix: "another instance holds this AI bot's long connection; run one instance or use the HTTP callback" },
        'wecom long connection replaced',
      );
      this.setState('replaced');
    } else if (this.state !== 'stopped' && this.state !== 'auth_failed') {
      this.setState('reconnecting');
    }
  }

  private onError(err: Error): void {
    this.lastError = err.message;
    const code = (err as { code?: string }).code;
    if (code === 'WS_AUTH_FAILURE_EXHAUSTED' || /Authentication failed/.test(err.message)) {
      this.opts.log.error(
        { err: err.message, fix: 'check WECOM_BOT_ID and WECOM_BOT_SECRET (智能机器人 → API 模式 → 长连接)' },
        'wecom long connection auth failed',
      );
      if (code === 'WS_AUTH_FAILURE_EXHAUSTED') this.setState('auth_failed');
    }
  }
}
