import { fixedClock } from '../../../src/time/clock';
import type { OutboxItem } from '../../../src/outbox/outbox-types';
import { createLogger } from '../../../src/observability/logger';
import { AccessTokenCache } from '../../../src/platforms/dingtalk/access-token-cache';
import { DingtalkApi } from '../../../src/platforms/dingtalk/dingtalk-api';
import { DingtalkSender } from '../../../src/platforms/dingtalk/dingtalk-sender';
import { QuotaMeter, type QuotaWarning } from '../../../src/platforms/dingtalk/quota-meter';
import { sqliteStore } from '../../../src/store/sqlite/sqlite-store';
import { tempDir } from '../../helpers/temp-dir';
import { FakeDingtalk } from './fake-dingtalk';

export const T0 = '2026-12-01T02:00:00.000Z';
export const T0_MS = Date.parse(T0);

/** A DingTalk sender wired to a fake DingTalk, a real SQLite store and a fixed clock. */
export async function senderHarness(quotas = { push: 3000, api: 5000 }) {
  const fake = await new FakeDingtalk().start();
  const store = sqliteStore(tempDir('zhibu-dt-'));
  const clock = fixedClock(T0);
  fake.now = () => clock.now().getTime(); // DingTalk's clock and the bot's agree, as they do in production
  const log = createLogger('silent');
  const warnings: QuotaWarning[] = [];
  const meter = new QuotaMeter({
    counters: store.counters,
    clock,
    timezone: 'Asia/Shanghai',
    org: fake.clientId,
    quotas,
    warnPercent: 80,
    log,
    warn: async (w) => {
      warnings.push(w);
    },
  });
  const tokens = new AccessTokenCache({
    apiBase: fake.base,
    appKey: fake.clientId,
    appSecret: fake.clientSecret,
    clock,
  });
  const api = new DingtalkApi({
    apiBase: fake.base,
    tokens,
    onCall: () => {
      void meter.record('api');
    },
  });
  const sender = new DingtalkSender({ api, store, clock, meter, log, oapiBase: fake.base, robotCode: fake.clientId });
  let id = 0;
  const item = (over: Partial<OutboxItem> & { chatId?: string; chatType?: 'group' | 'single' } = {}): OutboxItem => {
    const { chatId = 'cidGroupQingshan0001==', chatType = 'group', ...rest } = over;
    return {
      id: ++id,
      target: { platform: 'dingtalk', chatId, chatType },
      text: '你好',
      status: 'sending',
      attempts: 1,
      nextAttemptAt: T0,
      createdAt: T0,
      ...rest,
    };
  };
  const hint = (session = 'sess-1', expiresAt = T0_MS + 90 * 60_000, atUserId?: string) => ({
    robotCode: 'dingzhiburobot01',
    webhook: `https://oapi.dingtalk.com/robot/sendBySession?session=${session}`,
    expiresAt,
    ...(atUserId ? { atUserId } : {}),
  });
  const close = async () => {
    await store.close();
    await fake.stop();
  };
  return { fake, store, clock, meter, warnings, tokens, api, sender, item, hint, close };
}
