import type Router from '@koa/router';
import type { Bot } from '../bot/bot';
import type { MediaFetcher } from '../bot/media-resolver';
import type { PushChecker } from '../outbox/push-check';
import type { PushTargetParser } from '../outbox/push-targets';
import type { Outbox } from '../outbox/outbox';
import type { Platform } from '../bot/incoming-message';
import type { Sender } from '../outbox/sender';
import type { BotServices } from '../bot/services';
import type { Config } from '../config/load-config';

export interface ChannelHealth {
  /** e.g. "connected", "reconnecting", "disabled". */
  state: string;
  ok: boolean;
  detail?: Record<string, unknown>;
}

/**
 * A way in and out of one platform: HTTP routes and/or a long connection that feed `bot.accept`, a sender for the
 * outbox, and a media fetcher. Everything platform-specific lives behind this interface (DESIGN.md §2).
 */
export interface Channel {
  readonly name: string;
  readonly platform: Platform;
  /** A long connection that only one bot instance may hold at a time (WeCom AI bot WS, DingTalk Stream). */
  readonly exclusive?: boolean;
  senders?: Sender[];
  mediaFetcher?: MediaFetcher;
  routes?(router: Router): void;
  start?(): Promise<void>;
  stop?(): Promise<void>;
  health?(): ChannelHealth;
  /** Which route scheduled posts take per bound chat and whether it is ready (「检查推送」, `zhibu doctor`). */
  checkPush?: PushChecker;
  /** How this platform reads the group-robot address a secretary gives 「设置推送」. */
  pushTarget?: PushTargetParser;
}

export interface ChannelDeps {
  config: Config;
  bot: Bot;
  services: BotServices;
  /** The delivery side of the outbox (draining, waking held items); handlers only see its enqueue port. */
  outbox: Outbox;
}
