import { normalizeRobotMessage } from '../../../src/platforms/dingtalk/normalize-robot-message';
import { parseRobotMessage, RobotMessageError } from '../../../src/platforms/dingtalk/robot-message';
import { fixture } from './fixtures';

const opts = { robotCode: 'fallback-robot', receivedAt: new Date('2026-12-01T02:00:00.000Z') };
const normalize = (name: string, patch: Record<string, unknown> = {}) =>
  normalizeRobotMessage(parseRobotMessage({ ...fixture(name), ...patch }), opts);
const src = (downloadCode: string, extra: Record<string, unknown> = {}) => ({
  platform: 'dingtalk',
  downloadCode,
  robotCode: 'dingzhiburobot01',
  ...extra,
});

describe('DingTalk robot message → IncomingMessage', () => {
  test('group text: the leading space the @ leaves is trimmed; group keyed by conversationId; reply hint kept', () => {
    expect(normalize('text-group')).toEqual({
      platform: 'dingtalk',
      msgId: 'msgTextGroup0001',
      chatId: 'cidGroupQingshan0001==',
      chatType: 'group',
      chatTitle: '广州流动党支部',
      userId: 'staff_zhangsan',
      userName: '张三',
      text: '积分',
      media: [],
      receivedAt: '2026-12-01T02:00:00.000Z',
      replyHint: {
        robotCode: 'dingzhiburobot01',
        webhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=sess-group-0001',
        expiresAt: 1796095800000,
        atUserId: 'staff_zhangsan',
      },
    });
  });

  test('"帮助@机器人" (mention last) has no leading space and stays as is', () => {
    expect(normalize('text-group', { text: { content: '帮助' } })?.text).toBe('帮助');
  });

  test('1:1 text: conversationType "1" is a single chat whose id is the member, no @ on replies', () => {
    const m = normalize('text-single')!;
    expect(m).toMatchObject({ chatType: 'single', chatId: 'staff_zhangsan', userId: 'staff_zhangsan', text: '积分' });
    expect(m.chatTitle).toBeUndefined();
    expect(m.replyHint).toEqual({
      robotCode: 'dingzhiburobot01',
      webhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=sess-single-0001',
      expiresAt: 1796095800000,
    });
  });

  test('conversationType is a string: a number is malformed', () => {
    expect(() => parseRobotMessage({ ...fixture('text-group'), conversationType: 2 })).toThrow(RobotMessageError);
    expect(() => parseRobotMessage({ ...fixture('text-group'), conversationType: '3' })).toThrow(/conversationType/);
  });

  test("picture: one image to fetch with the receiving robot's code", () => {
    const m = normalize('picture-group')!;
    expect(m.text).toBe('');
    expect(m.media).toEqual([{ kind: 'image', source: src('dlPicture0001/+m+abc=') }]);
  });

  test('a picture with only pictureDownloadCode still yields the image', () => {
    const m = normalize('picture-group', { content: { pictureDownloadCode: 'picOnly' } })!;
    expect(m.media).toEqual([{ kind: 'image', source: src('picOnly') }]);
  });

  test('richText: ordered text and pictures; the @ node and "\\n" node handled; commands start after the mention', () => {
    const m = normalize('richtext-group')!;
    expect(m.text).toBe('#1 今天学习了党章第一章\n第二张');
    expect(m.media).toEqual([
      { kind: 'image', source: src('dlRich0001') },
      { kind: 'image', source: src('dlRich0002') },
    ]);
    const inline = normalize('richtext-group', {
      content: { richText: [{ text: '@支部机器人 报到 张三 广东广州' }] },
    })!;
    expect(inline.text).toBe('报到 张三 广东广州');
  });

  test('video, file and audio (1:1) carry their kind, name and extension hints', () => {
    expect(normalize('video-single')!.media).toEqual([{ kind: 'video', source: src('dlVideo0001', { ext: 'mp4' }) }]);
    expect(normalize('file-single')!.media).toEqual([
      { kind: 'file', name: '学习心得.docx', source: src('dlFile0001') },
    ]);
    const audio = normalize('audio-single')!;
    expect(audio.media).toEqual([{ kind: 'voice', source: src('dlAudio0001') }]);
    expect(audio.text).toBe('今天学习了党章第一章。');
  });

  test('a quoted own video counts as media of the reply; its text becomes quoteText', () => {
    const m = normalize('quote-group')!;
    expect(m.text).toBe('#1 这是我的学习视频');
    expect(m.media).toEqual([{ kind: 'video', source: src('dlQuotedVideo0001', { ext: 'mp4' }) }]);
    const textQuote = normalize('quote-group', {
      text: { content: ' 同意', isReplyMsg: true, repliedMsg: { msgType: 'text', content: { text: '明天交心得' } } },
    })!;
    expect(textQuote).toMatchObject({ text: '同意', quoteText: '明天交心得', media: [] });
  });

  test("someone else's quoted media is not taken as the quoter's proof", () => {
    const payload = fixture('quote-group');
    payload.text.repliedMsg.senderId = '$:LWCP_v1:$SomeoneElse';
    expect(normalizeRobotMessage(parseRobotMessage(payload), opts)!.media).toEqual([]);
  });

  test('identity: senderStaffId, else the encrypted senderId (external members); no @ without a staff id', () => {
    const m = normalize('text-external')!;
    expect(m.userId).toBe('$:LWCP_v1:$ExternalUser01');
    expect(m.replyHint).not.toHaveProperty('atUserId');
    expect(() => parseRobotMessage({ ...fixture('text-external'), senderId: '' })).toThrow(/senderId/);
  });

  test('message types we do not handle normalize to nothing; robotCode falls back to the configured one', () => {
    expect(normalize('unsupported-card')).toBeUndefined();
    const { robotCode: _omit, ...noRobot } = fixture('picture-group');
    expect(normalizeRobotMessage(parseRobotMessage(noRobot), opts)!.media[0].source).toMatchObject({
      robotCode: 'fallback-robot',
    });
  });

  test('the Stream frame carries the same body as a JSON string', () => {
    const frame = fixture('stream-frame');
    expect(normalizeRobotMessage(parseRobotMessage(JSON.parse(frame.data)), opts)).toMatchObject({
      msgId: 'msgStreamText0001',
      text: '测试数据',
    });
  });
});
