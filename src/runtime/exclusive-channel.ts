import type { Logger } from 'pino';
import type { Clock } from '../time/clock';
import type { Sender } from '../outbox/sender';
import type { Channel, ChannelHealth } from '../platforms/channel';
import type { LeaseRepo } from '../store/store';

export interface ExclusiveOptions {
  leases: LeaseRepo;
  /** This instance (`host:pid`). */
  owner: string;
  clock: Clock;
  log: Logger;
  /** How long a lease lasts without renewal: the longest a dead holder blocks a take-over. */
  ttlMs?: number;
  /** How often the lease is renewed or, on a standby instance, tried. */
  renewEveryMs?: number;
  /** Repeats `fn` every `ms` and returns a cancel function (injected by tests; defaults to an unref'd interval). */
  every?: (fn: () => void, ms: number) => () => void;
}

export interface ExclusiveChannel extends Channel {
  /** One lease round: renew or take the lease and start, or stop after losing it. */
  tick(): Promise<void>;
  holding(): boolean;
}

const DEFAULT_TTL_MS = 30_000;

const realEvery = (fn: () => void, ms: number) => {
  const timer = setInterval(fn, ms);
  timer.unref();
  return () => clearInterval(timer);
};

/** The lease `channel:<name>` and the inner channel's life under it. Rounds run one at a time. */
class ChannelLease {
  readonly name: string;
  active = false;
  private stopped = true;
  private cancel?: () => void;
  private round: Promise<void> = Promise.resolve();

  constructor(
    private readonly inner: Channel,
    private readonly opts: ExclusiveOptions & { ttlMs: number },
  ) {
    this.name = `channel:${inner.name}`;
  }

  tick(): Promise<void> {
    const once = () => this.once();
    this.round = this.round.then(once, once);
    return this.round;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.tick();
    this.cancel = (this.opts.every ?? realEvery)(
      () => {
        void this.tick();
      },
      this.opts.renewEveryMs ?? Math.floor(this.opts.ttlMs / 3),
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancel?.();
    await this.round;
    if (!this.active) return;
    this.active = false;
    await this.inner.stop?.();
    // Released on a clean stop, so a standby instance takes over at its next round instead of after the TTL.
    await this.opts.leases.release(this.name, this.opts.owner).catch(() => undefined);
  }

  private async once(): Promise<void> {
    if (this.stopped) return;
    const held = await this.opts.leases
      .acquire(this.name, this.opts.owner, this.opts.clock.now(), this.opts.ttlMs)
      .catch((err) => {
        // The store is unreachable: another instance may take the lease once it expires, so stop holding the connection.
        this.opts.log.error({ err, channel: this.inner.name }, 'could not renew the channel lease');
        return false;
      });
    if (held && !this.active) await this.startInner();
    else if (!held && this.active) await this.stopInner();
  }

  private async startInner(): Promise<void> {
    try {
      await this.inner.start?.();
      this.active = true;
      this.opts.log.info(
        { channel: this.inner.name, owner: this.opts.owner },
        'holding the channel lease: connection started',
      );
    } catch (err) {
      // Let another instance try: a bad credential here may be fine there, and this one retries next round.
      this.opts.log.error(
        { err, channel: this.inner.name },
        'channel failed to start while holding its lease; releasing it',
      );
      await this.opts.leases.release(this.name, this.opts.owner).catch(() => undefined);
    }
  }

  private async stopInner(): Promise<void> {
    this.active = false;
    this.opts.log.warn(
      { channel: this.inner.name, owner: this.opts.owner },
      'channel lease held by another instance: connection stopped',
    );
    await this.inner
      .stop?.()
      .catch((err) => this.opts.log.error({ err, channel: this.inner.name }, 'channel stop failed'));
  }
}

/**
 * Several bot instances, one platform long connection (WeCom AI bot WS, DingTalk Stream): the wrapped channel
 * runs only while this instance holds the lease `channel:<name>`. The holder renews it every `renewEveryMs`; when
 * it dies, the lease runs out after `ttlMs` and the next standby instance to try takes over. An instance that finds
 * its lease taken (it was paused longer than the lease) stops its connection at its next round.
 *
 * The channel's senders are ready only on the holder, so the outbox of a standby instance leaves that platform's
 * messages to the holder (the WeCom WS push needs the connection, and per-robot pacing stays in one place).
 * The wrapper inherits from the channel, so whatever else a platform's channel exposes stays reachable.
 */
export function exclusiveChannel(inner: Channel, opts: ExclusiveOptions): ExclusiveChannel {
  const lease = new ChannelLease(inner, { ...opts, ttlMs: opts.ttlMs ?? DEFAULT_TTL_MS });
  const senders = inner.senders?.map((s): Sender => ({
    platform: s.platform,
    perMinute: s.perMinute,
    ...(s.robotKey ? { robotKey: (item: Parameters<NonNullable<Sender['robotKey']>>[0]) => s.robotKey!(item) } : {}),
    ...(s.pace ? { pace: (...args: Parameters<NonNullable<Sender['pace']>>) => s.pace!(...args) } : {}),
    send: (item, inThread) => s.send(item, inThread),
    ...(s.sendMany ? { sendMany: (items: Parameters<NonNullable<Sender['sendMany']>>[0]) => s.sendMany!(items) } : {}),
    ready: () => lease.active && (s.ready?.() ?? true),
  }));
  return Object.assign(Object.create(inner) as Channel, {
    exclusive: true,
    senders,
    tick: () => lease.tick(),
    holding: () => lease.active,
    start: () => lease.start(),
    stop: () => lease.stop(),
    health(): ChannelHealth {
      if (lease.active) return inner.health?.() ?? { state: 'connected', ok: true };
      return {
        state: 'standby',
        ok: true,
        detail: { lease: lease.name, note: 'another instance holds this connection' },
      };
    },
  });
}
