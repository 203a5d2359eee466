import type { BotServices } from '../../src/bot/services';
import { MediaResolver } from '../../src/bot/media-resolver';
import { createLogger } from '../../src/observability/logger';
import { Outbox } from '../../src/outbox/outbox';
import { PushTargets } from '../../src/outbox/push-targets';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import { fixedClock } from '../../src/time/clock';
import { tempDir } from './temp-dir';

/** A bot's services on a fresh SQLite store, a fixed clock and silent logs: for driving `Bot` without a runtime. */
export function botServices(): BotServices {
  const store = sqliteStore(tempDir('zhibu-bot-'));
  const clock = fixedClock('2026-12-01T02:00:00Z');
  const log = createLogger('silent');
  return {
    store,
    clock,
    log,
    outbox: new Outbox(store.outbox, store.chatLog, clock, log, { owner: 't' }),
    media: new MediaResolver(store.blobs),
    pushTargets: new PushTargets(),
    settings: { timezone: 'Asia/Shanghai', admins: new Set(), holdMinutes: 10 },
  };
}
