import type { Logger } from 'pino';
import type { StreamClient } from './stream-client';

export type StreamState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'stopped';

export interface StreamSupervisorOptions {
  now: () => number;
  log: Logger;
  /** How often the watch runs (real timer; tests call `check()` themselves). */
  watchMs?: number;
  /** No frame and no pong for this long means the socket is dead even if it looks open (NODE#13, pitfall 11). */
  staleMs?: number;
  /** Reconnect backoff: 1 s doubling to this cap, plus up to 20 % jitter. */
  maxBackoffMs?: number;
  onStateChange?: (state: StreamState) => void;
}

/**
 * Keeps one Stream connection alive: connects, watches for a socket that closed or went silent, and reconnects with
 * exponential backoff (the SDK 2.1.5 retries every fixed second, which storms the gateway). All decisions read the
 * injected clock, so tests drive the watch with `check()` instead of waiting.
 */
export class StreamSupervisor {
  state: StreamState = 'idle';
  reconnects = 0;
  private failures = 0;
  private nextAttemptAt = 0;
  private connecting?: Promise<void>;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly client: StreamClient,
    private readonly opts: StreamSupervisorOptions,
  ) {}

  /** Starts connecting in the background (start-up never blocks on DingTalk) and starts the watch. */
  start(): void {
    if (this.state === 'stopped') this.state = 'idle';
    void this.connect();
    this.timer ??= setInterval(() => {
      void this.check();
    }, this.opts.watchMs ?? 5_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.setState('stopped');
    await this.connecting?.catch(() => undefined);
    this.client.disconnect();
  }

  /** One pass of the health watch: reconnect a closed or silent socket once its backoff has passed. */
  async check(): Promise<void> {
    if (this.state === 'stopped' || this.connecting) return;
    const now = this.opts.now();
    if (this.client.connected && now - this.client.lastActivityAt > (this.opts.staleMs ?? 60_000)) {
      this.opts.log.warn(
        { silentMs: now - this.client.lastActivityAt },
        'dingtalk stream silent: dropping the socket and reconnecting',
      );
      this.client.dropSocket();
    }
    if (this.client.connected) {
      if (this.state !== 'connected') this.setState('connected');
      return;
    }
    if (this.state === 'connected') {
      this.opts.log.warn('dingtalk stream disconnected; reconnecting');
      this.setState('reconnecting');
    }
    if (now >= this.nextAttemptAt) await this.connect();
  }

  /** Resolves when the current connection attempt has finished (for tests and orderly shutdown). */
  async settled(): Promise<void> {
    await this.connecting;
  }

  private connect(): Promise<void> {
    this.connecting ??= this.attempt().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async attempt(): Promise<void> {
    const first = this.state === 'idle';
    this.setState(first ? 'connecting' : 'reconnecting');
    try {
      await this.client.getEndpoint();
      await this.client._connect();
      if (this.state === 'stopped') {
        this.client.disconnect();
        return;
      }
      if (!first) this.reconnects += 1;
      this.failures = 0;
      this.setState('connected');
      this.opts.log.info({ reconnects: this.reconnects }, 'dingtalk stream connected');
    } catch (err) {
      if (this.state === 'stopped') return;
      this.failures += 1;
      const backoff = Math.min(this.opts.maxBackoffMs ?? 60_000, 1_000 * 2 ** (this.failures - 1));
      this.nextAttemptAt = this.opts.now() + backoff + Math.floor(Math.random() * backoff * 0.2);
      this.setState('reconnecting');
      this.opts.log.error({ err, failures: this.failures, retryInMs: backoff }, 'dingtalk stream connect failed');
    }
  }

  private setState(state: StreamState): void {
    if (this.state === state) return;
    this.state = state;
    this.opts.onStateChange?.(state);
  }
}
