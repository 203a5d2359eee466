import type { PlatformData } from '../../../src/bot/incoming-message';
import { readMediaSource } from '../../../src/platforms/dingtalk/dingtalk-media-source';
import { readPushSettings } from '../../../src/platforms/dingtalk/dingtalk-push-settings';
import { readReplyHint, toReplyHint } from '../../../src/platforms/dingtalk/reply-hint';

describe('DingTalk reply hint and media source: one reader each', () => {
  test('a hint as stored reads back; a field of the wrong type is dropped, not trusted', () => {
    const stored =
      '{"robotCode":"ding-robot","webhook":"https://oapi.dingtalk.com/robot/sendBySession?session=s","expiresAt":1764554400000,"atUserId":"staff-1"}';
    expect(readReplyHint(JSON.parse(stored))).toEqual(JSON.parse(stored));
    expect(readReplyHint(toReplyHint({ robotCode: 'r' }))).toEqual({ robotCode: 'r' });
    expect(readReplyHint({ robotCode: 'r', webhook: 5, expiresAt: 'soon', atUserId: ['x'] })).toEqual({
      robotCode: 'r',
    });
  });

  test('a WeCom hint, an empty robotCode or nothing at all is refused', () => {
    const bad: Array<PlatformData | undefined> = [
      undefined,
      {},
      { via: 'aibot-http', passiveId: 'zb1', at: '2026-12-01T02:00:00Z' },
      { robotCode: '' },
      { robotCode: 3 },
    ];
    for (const data of bad) expect(readReplyHint(data)).toBeUndefined();
  });

  test('media sources: stored ones read back, a WeCom source or one without a download code is refused', () => {
    expect(readMediaSource({ platform: 'dingtalk', downloadCode: 'd1', robotCode: 'r', ext: 'pdf' })).toEqual({
      platform: 'dingtalk',
      downloadCode: 'd1',
      robotCode: 'r',
      ext: 'pdf',
    });
    expect(readMediaSource({ platform: 'dingtalk', downloadCode: 'd1', robotCode: 9 })).toEqual({
      platform: 'dingtalk',
      downloadCode: 'd1',
    });
    expect(readMediaSource({ platform: 'wecom', via: 'app', mediaId: 'm', downloadCode: 'd1' })).toBeUndefined();
    expect(readMediaSource({ platform: 'dingtalk', downloadCode: '' })).toBeUndefined();
    expect(readMediaSource(undefined)).toBeUndefined();
  });
});

describe('DingTalk push settings: one reader for chat.push', () => {
  test('reads the custom robot webhook and secret as stored; WeCom settings or damaged fields read as none', () => {
    const stored = { webhook: 'https://oapi.dingtalk.com/robot/send?access_token=t', secret: 'SEC1' };
    expect(readPushSettings(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
    expect(readPushSettings({ webhook: 'https://x/robot/send?access_token=t', secret: '' })).toEqual({
      webhook: 'https://x/robot/send?access_token=t',
    });
    expect(readPushSettings({ webhookKey: '0123456789abcdef', aibotSession: 'active' })).toEqual({});
    expect(readPushSettings({ webhook: 7 })).toEqual({});
  });
});
