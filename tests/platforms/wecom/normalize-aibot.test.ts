import { parseAibotPayload, AibotPayloadError } from '../../../src/platforms/wecom/aibot-payload';
import { normalizeAibot, stripMentions } from '../../../src/platforms/wecom/normalize-aibot';
import { aibotFixture, MEDIA_AESKEY } from './helpers/wecom-env';

const NOW = new Date('2026-12-01T02:00:00Z');
const API = 'http://127.0.0.1:1';
const ws = { via: 'aibot-ws' as const, reqId: 'req-1' };
const http = { via: 'aibot-http' as const, passiveId: 'zb1' };
const message = (name: string, transport: typeof ws | typeof http = ws) => {
  const out = normalizeAibot(parseAibotPayload(aibotFixture(name, { API })), transport, NOW);
  if (out.kind !== 'message') throw new Error(`expected a message, got ${out.kind}`);
  return out.message;
};

describe('AI bot payload normalization (recorded fixtures)', () => {
  test('group text: the @mention (with U+2005) is stripped, chatId is the group, the reply hint keeps req_id', () => {
    expect(message('text-group')).toEqual({
      platform: 'wecom',
      msgId: 'CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=',
      chatId: 'wrkSFfCgAAgroup01',
      chatType: 'group',
      userId: 'zhangsan',
      text: '报到 张三 广东广州',
      media: [],
      quoteText: undefined,
      receivedAt: NOW.toISOString(),
      replyHint: {
        via: 'aibot-ws',
        reqId: 'req-1',
        at: NOW.toISOString(),
        responseUrl: `${API}/aibot/response/text-group`,
      },
    });
  });

  test("1:1 text: chatId is the member's userid", () => {
    expect(message('text-single')).toMatchObject({ chatId: 'zhangsan', chatType: 'single', text: '积分' });
  });

  test('mixed: text items joined, images as media; the per-file aeskey is kept on the long connection only', () => {
    const m = message('mixed-group');
    expect(m.text).toBe('#1 今天学习了党章第一章');
    expect(m.media).toEqual([
      {
        kind: 'image',
        source: { platform: 'wecom', via: 'aibot', url: `${API}/aibot/media/photo-1`, aeskey: MEDIA_AESKEY },
      },
    ]);
    expect(message('mixed-group', http).media[0].source).toEqual({
      platform: 'wecom',
      via: 'aibot',
      url: `${API}/aibot/media/photo-1`,
    });
    expect(message('mixed-group', http).replyHint).toMatchObject({ via: 'aibot-http', passiveId: 'zb1' });
  });

  test('image, file and video become media; voice its transcript; quote its text', () => {
    expect(message('image-single').media.map((x) => x.kind)).toEqual(['image']);
    expect(message('file-single').media.map((x) => x.kind)).toEqual(['file']);
    expect(message('video-single').media.map((x) => x.kind)).toEqual(['video']);
    expect(message('voice-single')).toMatchObject({ text: '我的积分', media: [] });
    expect(message('quote-group')).toMatchObject({
      text: '任务',
      quoteText: '📌 新任务 #1《学习党章》',
      userId: 'lisi',
    });
  });

  test('events, stream polls and unknown types are classified, not handled as messages', () => {
    expect(normalizeAibot(parseAibotPayload(aibotFixture('event-enter-chat')), ws, NOW)).toMatchObject({
      kind: 'event',
      eventType: 'enter_chat',
      userId: 'zhangsan',
    });
    expect(normalizeAibot(parseAibotPayload(aibotFixture('stream-refresh')), ws, NOW)).toEqual({
      kind: 'stream',
      streamId: 'STREAMID',
    });
    expect(
      normalizeAibot(parseAibotPayload({ ...aibotFixture('text-single', { API }), msgtype: 'hologram' }), ws, NOW).kind,
    ).toBe('ignored');
  });

  test('malformed payloads name the field', () => {
    expect(() => parseAibotPayload({ msgtype: 'text' })).toThrow(AibotPayloadError);
    expect(() => parseAibotPayload({ ...aibotFixture('text-single', { API }), from: {} })).toThrow(/from\.userid/);
    const groupWithoutChat = parseAibotPayload({ ...aibotFixture('text-group', { API }), chatid: undefined });
    expect(() => normalizeAibot(groupWithoutChat, ws, NOW)).toThrow(/chatid/);
  });

  test('stripMentions removes leading mentions only, never a task code glued to them', () => {
    expect(stripMentions('@支部机器人 #12 学习')).toBe('#12 学习');
    expect(stripMentions('@支部机器人\u2005@张三 设为书记 张三')).toBe('设为书记 张三');
    expect(stripMentions('@支部机器人#12')).toBe('#12');
    expect(stripMentions('积分 @支部机器人')).toBe('积分 @支部机器人');
  });
});
