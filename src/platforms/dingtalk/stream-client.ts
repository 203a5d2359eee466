import { DWClient, TOPIC_ROBOT } from 'dingtalk-stream';
import type WebSocket from 'ws';
import { callHttp, jsonObjectOf } from '../http-client';

export interface StreamClientOptions {
  clientId: string;
  clientSecret: string;
  /** `DINGTALK_API_BASE`; the gateway is `${apiBase}/v1.0/gateway/connections/open`. */
  apiBase: string;
  now: () => number;
  onError?: (err: unknown) => void;
  timeoutMs?: number;
}

/** Fields the SDK keeps private but that a supervisor must reach (names from dist/client.cjs 2.1.5). */
interface Internals {
  dw_url?: string;
  socket?: WebSocket;
  heartbeatIntervallId?: NodeJS.Timeout;
}

/**
 * The official `DWClient` (frames, ping answers, keep-alive pings, ACK format) with four changes for a supervised
 * bot: the gateway URL comes from `DINGTALK_API_BASE` (the SDK hard-codes api.dingtalk.com and uses axios); only the
 * robot topic is subscribed (no events we would ignore but pay quota for); the SDK's own fixed 1-second reconnect is
 * off, because the supervisor reconnects with backoff; and every frame or pong is time-stamped for the health watch.
 */
export class StreamClient extends DWClient {
  lastActivityAt = 0;

  constructor(private readonly opts: StreamClientOptions) {
    super({ clientId: opts.clientId, clientSecret: opts.clientSecret, keepAlive: true, ua: 'zhibu-bot' });
    this.config.autoReconnect = false;
    // A fresh array: the SDK's default subscription list is shared by every client instance.
    this.config.subscriptions = [{ type: 'CALLBACK', topic: TOPIC_ROBOT }];
  }

  private get internals(): Internals {
    return this as unknown as Internals;
  }

  override async getEndpoint(): Promise<this> {
    const res = await callHttp(`${this.opts.apiBase.replace(/\/+$/, '')}/v1.0/gateway/connections/open`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        clientId: this.config.clientId,
        clientSecret: this.config.clientSecret,
        ua: this.config.ua,
        subscriptions: this.config.subscriptions,
      }),
      timeoutMs: this.opts.timeoutMs ?? 10_000,
    });
    const body = jsonObjectOf(res.text) as { endpoint?: string; ticket?: string; code?: string; message?: string };
    if (!res.ok || !body.endpoint || !body.ticket) {
      throw new Error(
        `stream gateway refused (HTTP ${res.status} ${body.code ?? ''} ${body.message ?? ''}): check DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET and that the app uses Stream mode`,
      );
    }
    this.internals.dw_url = `${body.endpoint}?ticket=${encodeURIComponent(body.ticket)}`;
    return this;
  }

  /** Opens a new socket after closing the old one fully, so its late `close` cannot mark the new one down. */
  override async _connect(): Promise<void> {
    const { socket, heartbeatIntervallId } = this.internals;
    // The SDK starts a keep-alive interval per open and clears it only on disconnect(): clear it per reconnect.
    if (heartbeatIntervallId) clearInterval(heartbeatIntervallId);
    if (socket && socket.readyState !== socket.CLOSED) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.terminate();
      });
    }
    await super._connect();
    this.lastActivityAt = this.opts.now();
  }

  override onDownStream(data: string): void {
    this.lastActivityAt = this.opts.now();
    try {
      super.onDownStream(data);
    } catch (err) {
      // A frame that is not JSON would otherwise throw inside the socket's message handler and crash the process.
      this.opts.onError?.(err);
    }
  }

  override heartbeat(): void {
    this.lastActivityAt = this.opts.now();
    super.heartbeat();
  }

  /** Drops the socket without the SDK's "user disconnect" flag (used when the watch finds it silent). */
  dropSocket(): void {
    this.connected = false;
    this.internals.socket?.terminate();
  }
}
