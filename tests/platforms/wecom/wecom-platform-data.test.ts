import type { MediaRef, PlatformData } from '../../../src/bot/incoming-message';
import { isZhibuError } from '../../../src/errors';
import type { OutboxItem } from '../../../src/outbox/outbox-types';
import { planPaths } from '../../../src/platforms/wecom/reply-paths';
import { wecomMediaFetcher } from '../../../src/platforms/wecom/wecom-media-fetcher';
import { readMediaSource } from '../../../src/platforms/wecom/wecom-media-source';
import { readPushSettings } from '../../../src/platforms/wecom/wecom-push-settings';
import { readReplyHint, toReplyHint } from '../../../src/platforms/wecom/wecom-reply-hint';
import { sqliteStore } from '../../../src/store/sqlite/sqlite-store';
import { cleanupTempDirs, tempDir } from '../../helpers/temp-dir';

const AT = '2026-12-01T02:00:00.000Z';
/** Hints exactly as earlier versions wrote them into the outbox's reply_hint column. */
const STORED = {
  ws: '{"via":"aibot-ws","reqId":"req-1","at":"2026-12-01T02:00:00.000Z","responseUrl":"https://qyapi.weixin.qq.com/r/1"}',
  http: '{"via":"aibot-http","passiveId":"zbmsg-1","at":"2026-12-01T02:00:00.000Z"}',
  app: '{"via":"app","passiveId":"zbmsg-2","at":"2026-12-01T02:00:00.000Z"}',
};
const DINGTALK_HINT = {
  robotCode: 'ding-robot',
  webhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=x',
  expiresAt: 1,
};

describe('WeCom reply hint: one reader for what the core carries', () => {
  test('reads back every hint shape earlier versions stored', () => {
    expect(readReplyHint(JSON.parse(STORED.ws))).toEqual({
      via: 'aibot-ws',
      reqId: 'req-1',
      at: AT,
      responseUrl: 'https://qyapi.weixin.qq.com/r/1',
    });
    expect(readReplyHint(JSON.parse(STORED.http))).toEqual({ via: 'aibot-http', passiveId: 'zbmsg-1', at: AT });
    expect(readReplyHint(JSON.parse(STORED.app))).toEqual({ via: 'app', passiveId: 'zbmsg-2', at: AT });
  });

  test('a foreign or malformed hint is refused (undefined), never half-read', () => {
    const bad: Array<PlatformData | undefined> = [
      undefined,
      {},
      DINGTALK_HINT,
      { via: 'aibot-ws', at: AT },
      { via: 'aibot-ws', reqId: 7, at: AT },
      { via: 'aibot-http', passiveId: 'p', at: AT, responseUrl: 42 },
      { via: 'mail', passiveId: 'p', at: AT },
      { via: 'app', passiveId: 'p' },
    ];
    for (const data of bad) expect(readReplyHint(data)).toBeUndefined();
  });

  test('an item carrying a foreign hint plans no in-thread path and no crash: only the proactive routes', () => {
    const item: OutboxItem = {
      id: 1,
      target: { platform: 'wecom', chatId: 'g1', chatType: 'group' },
      text: 'hi',
      status: 'sending',
      attempts: 1,
      nextAttemptAt: AT,
      createdAt: AT,
      replyHint: { ...DINGTALK_HINT, via: 'aibot-ws', responseUrl: 'http://x/r' },
    };
    const ctx = {
      now: new Date(AT),
      wsConfigured: true,
      appConfigured: false,
      sessionActive: true,
      webhookKey: 'k'.repeat(20),
      usedResponseUrls: new Set<string>(),
    };
    expect(planPaths(item, ctx).map((p) => p.kind)).toEqual(['webhook', 'ws-push']);
  });

  test('a hint goes through the SQLite outbox and reads back the same', async () => {
    const store = sqliteStore(tempDir());
    try {
      const hint = {
        via: 'aibot-http' as const,
        passiveId: 'zbm',
        at: AT,
        responseUrl: 'https://qyapi.weixin.qq.com/r/2',
      };
      const item = await store.outbox.enqueue(
        { target: { platform: 'wecom', chatId: 'g1', chatType: 'group' }, text: 'x', replyHint: toReplyHint(hint) },
        new Date(AT),
      );
      expect(readReplyHint((await store.outbox.get(item.id))?.replyHint)).toEqual(hint);
    } finally {
      await store.close();
      cleanupTempDirs();
    }
  });
});

describe('WeCom media source: one reader for MediaRef.source', () => {
  test("reads AI-bot and app sources as stored; refuses another platform's source or a malformed one", () => {
    expect(readMediaSource({ platform: 'wecom', via: 'aibot', url: 'https://x/f', aeskey: 'k' })).toEqual({
      platform: 'wecom',
      via: 'aibot',
      url: 'https://x/f',
      aeskey: 'k',
    });
    expect(readMediaSource({ platform: 'wecom', via: 'app', mediaId: 'm1' })).toEqual({
      platform: 'wecom',
      via: 'app',
      mediaId: 'm1',
    });
    expect(readMediaSource({ platform: 'dingtalk', downloadCode: 'd1' })).toBeUndefined();
    expect(readMediaSource({ platform: 'wecom', via: 'aibot' })).toBeUndefined();
    expect(readMediaSource({ platform: 'wecom', via: 'app', mediaId: 5 })).toBeUndefined();
    expect(readMediaSource(undefined)).toBeUndefined();
  });

  test('the fetcher refuses a source it cannot read with a coded error, before any download', async () => {
    const ref: MediaRef = { kind: 'image', source: { platform: 'wecom', via: 'aibot', url: 17 } };
    const err = await wecomMediaFetcher({ botAesKey: 'k' })(ref).catch((e: unknown) => e);
    expect(isZhibuError(err) && err.code).toBe('MEDIA_FETCH_FAILED');
  });
});

describe('WeCom push settings: one reader for chat.push', () => {
  test('reads the key and the session record as stored; a damaged field is dropped alone; foreign settings read as none', () => {
    const stored =
      '{"webhookKey":"0123456789abcdef","aibotSession":"needed","aibotSessionSince":"2026-12-01T02:00:00.000Z"}';
    expect(readPushSettings(JSON.parse(stored))).toEqual(JSON.parse(stored));
    expect(readPushSettings({ webhookKey: 42, aibotSession: 'active', aibotSessionSince: AT })).toEqual({
      aibotSession: 'active',
      aibotSessionSince: AT,
    });
    expect(readPushSettings({ webhookKey: 'k', aibotSession: 'maybe' })).toEqual({ webhookKey: 'k' });
    expect(
      readPushSettings({ webhook: 'https://oapi.dingtalk.com/robot/send?access_token=t', secret: 'SEC1' }),
    ).toEqual({});
    expect(readPushSettings(undefined)).toEqual({});
  });
});
