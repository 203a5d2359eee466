import { Outbox } from '../../../src/outbox/outbox';
import { createLogger } from '../../../src/observability/logger';
import { SendError } from '../../../src/outbox/sender';
import { routeKey } from '../../../src/platforms/dingtalk/dingtalk-sender';
import { cleanupTempDirs } from '../../helpers/temp-dir';
import { T0_MS, senderHarness } from './sender-harness';

type H = Awaited<ReturnType<typeof senderHarness>>;

async function failure(p: Promise<unknown>): Promise<SendError> {
  try {
    await p;
  } catch (err) {
    return err as SendError;
  }
  throw new Error('expected the send to fail');
}

describe('DingtalkSender', () => {
  let h: H;
  beforeEach(async () => {
    h = await senderHarness();
  });
  afterEach(async () => {
    await h.close();
  });
  afterAll(cleanupTempDirs);

  test('a group reply goes to the sessionWebhook (rebased on DINGTALK_OAPI_BASE) and @s the asker', async () => {
    await h.sender.send(h.item({ text: '✅ 已收到', replyHint: h.hint('sess-1', undefined, 'staff_zhangsan') }));
    const [call] = h.fake.callsTo('/robot/sendBySession');
    expect(call.query.session).toBe('sess-1');
    expect(call.body).toEqual({
      msgtype: 'text',
      text: { content: '@staff_zhangsan ✅ 已收到' },
      at: { atUserIds: ['staff_zhangsan'], isAtAll: false },
    });
    expect(h.fake.callsTo('/v1.0/oauth2/accessToken')).toHaveLength(0);
    expect(await h.meter.used('push')).toBe(1);
  });

  test('mentions: "@名字" written by a handler becomes "@staffId"; unknown ids are appended', async () => {
    const member = await h.store.members.create({ name: '李四' }, new Date(T0_MS));
    await h.store.identities.bind({ platform: 'dingtalk', userId: 'staff_lisi', memberId: member.id });
    await h.sender.send(
      h.item({ text: '⏰ 请以下同志提交：\n@李四 @王五', mentions: ['staff_lisi', 'staff_x'], replyHint: h.hint() }),
    );
    const body = h.fake.callsTo('/robot/sendBySession')[0].body;
    expect(body.text.content).toBe('⏰ 请以下同志提交：\n@staff_lisi @王五\n@staff_x');
    expect(body.at.atUserIds).toEqual(['staff_lisi', 'staff_x']);
  });

  test('an expired sessionWebhook is never used: the group gets robot/groupMessages/send', async () => {
    await h.sender.send(h.item({ text: '迟到的回复', replyHint: h.hint('old', T0_MS - 1), mentions: ['staff_a'] }));
    expect(h.fake.callsTo('/robot/sendBySession')).toHaveLength(0);
    const [call] = h.fake.callsTo('/v1.0/robot/groupMessages/send');
    expect(call.headers['x-acs-dingtalk-access-token']).toBe('tok-1');
    expect(call.body).toEqual({
      robotCode: 'dingzhiburobot01',
      openConversationId: 'cidGroupQingshan0001==',
      msgKey: 'sampleText',
      msgParam: JSON.stringify({ content: '迟到的回复' }),
    });
    expect(await h.meter.used('api')).toBe(1);
  });

  test('a session DingTalk says is gone (300001) falls back to OpenAPI within the same send', async () => {
    h.fake.expiredSessions.add('sess-gone');
    await h.sender.send(h.item({ text: '你好', replyHint: h.hint('sess-gone') }));
    expect(h.fake.callsTo('/robot/sendBySession')).toHaveLength(1);
    expect(h.fake.callsTo('/v1.0/robot/groupMessages/send')).toHaveLength(1);
  });

  test('a scheduled post (no reply hint) uses the configured robot code; the token is cached and refreshed before expiry', async () => {
    await h.sender.send(h.item({ text: '本周任务' }));
    await h.sender.send(h.item({ text: '本周排名' }));
    expect(h.fake.callsTo('/v1.0/oauth2/accessToken')).toHaveLength(1);
    expect(h.fake.callsTo('/v1.0/robot/groupMessages/send').map((c) => c.body.robotCode)).toEqual([
      h.fake.clientId,
      h.fake.clientId,
    ]);
    h.clock.advance((7200 - 300) * 1000 - 1);
    await h.sender.send(h.item({ text: '仍在有效期' }));
    expect(h.fake.callsTo('/v1.0/oauth2/accessToken')).toHaveLength(1);
    h.clock.advance(2);
    await h.sender.send(h.item({ text: '安全余量内换新' }));
    expect(h.fake.callsTo('/v1.0/oauth2/accessToken')).toHaveLength(2);
    expect(h.fake.callsTo('/v1.0/robot/groupMessages/send').at(-1)!.headers['x-acs-dingtalk-access-token']).toBe(
      'tok-2',
    );
  });

  test('a token DingTalk rejects is renewed once and the call repeated', async () => {
    h.fake.script('/v1.0/robot/groupMessages/send', {
      status: 401,
      body: { code: 'InvalidAuthentication', message: '不合法的access_token' },
    });
    await h.sender.send(h.item({ text: 'x' }));
    expect(h.fake.callsTo('/v1.0/oauth2/accessToken')).toHaveLength(2);
    expect(h.fake.callsTo('/v1.0/robot/groupMessages/send')).toHaveLength(2);
  });

  test('wrong app credentials fail with the variable names to check', async () => {
    h.fake.clientSecret = 'changed';
    const err = await failure(h.sender.send(h.item()));
    expect(err.retryable).toBe(false);
    expect(err.options.fix).toContain('DINGTALK_CLIENT_SECRET');
  });

  test('a group with a custom robot gets it: 加签 recomputed per send and checked by the fake, @ works', async () => {
    const secret = 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
    h.fake.robots.set('robottoken0123456789', secret);
    await h.store.chats.upsertSeen(
      { platform: 'dingtalk', chatId: 'cidGroupQingshan0001==', chatType: 'group' },
      new Date(T0_MS),
    );
    await h.store.chats.setPush('dingtalk', 'cidGroupQingshan0001==', {
      webhook: 'https://oapi.dingtalk.com/robot/send?access_token=robottoken0123456789',
      secret,
    });
    await h.sender.send(h.item({ text: '⏰ 提醒 @staff_a', mentions: ['staff_a'] }));
    h.clock.advance(61_000);
    await h.sender.send(h.item({ text: '第二条' }));
    const calls = h.fake.callsTo('/robot/send');
    expect(calls.map((c) => c.query.timestamp)).toEqual([String(T0_MS), String(T0_MS + 61_000)]);
    expect(calls[0].body.at).toEqual({ atUserIds: ['staff_a'], isAtAll: false });
    expect(h.fake.callsTo('/v1.0/robot/groupMessages/send')).toHaveLength(0);
    // The fake answered errcode 0 for both, i.e. both signatures verified.
    expect(await h.meter.used('push')).toBe(2);
  });

  test('a custom robot whose secret is wrong fails for good with the fix', async () => {
    h.fake.robots.set('robottoken0123456789', 'SECright');
    await h.store.chats.upsertSeen({ platform: 'dingtalk', chatId: 'g', chatType: 'group' }, new Date(T0_MS));
    await h.store.chats.setPush('dingtalk', 'g', {
      webhook: 'https://oapi.dingtalk.com/robot/send?access_token=robottoken0123456789',
      secret: 'SECwrong',
    });
    const err = await failure(h.sender.send(h.item({ chatId: 'g' })));
    expect(err).toMatchObject({ retryable: false, options: { code: '310000' } });
    expect(err.options.fix).toContain('设置推送');
  });

  test.each([
    [
      '/v1.0/robot/groupMessages/send',
      { status: 400, body: { code: 'send.too.fast', message: '发送太快' } },
      'send.too.fast',
    ],
    [
      '/robot/sendBySession',
      { status: 200, body: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' } },
      '130101',
    ],
    ['/robot/sendBySession', { status: 200, body: { errcode: 410100, errmsg: '发送速度太快而限流' } }, '410100'],
  ])('throttling on %s (%#) is retryable after the 10-minute mute', async (path, answer, code) => {
    h.fake.script(path, answer);
    const err = await failure(h.sender.send(h.item({ replyHint: path.includes('Session') ? h.hint() : undefined })));
    expect(err).toMatchObject({ retryable: true, options: { code, retryAfterMs: 600_000 } });
  });

  test('a 1:1 message goes through oToMessages/batchSend; invalid users fail for good, throttled ones retry', async () => {
    await h.sender.send(h.item({ chatType: 'single', chatId: 'staff_a', text: '请提交' }));
    expect(h.fake.callsTo('/v1.0/robot/oToMessages/batchSend')[0].body).toEqual({
      robotCode: h.fake.clientId,
      userIds: ['staff_a'],
      msgKey: 'sampleText',
      msgParam: JSON.stringify({ content: '请提交' }),
    });
    h.fake.batchAnswer = (ids) => ({
      invalidStaffIdList: ids.filter((x) => x === 'gone'),
      flowControlledStaffIdList: ids.filter((x) => x === 'busy'),
    });
    expect(await failure(h.sender.send(h.item({ chatType: 'single', chatId: 'gone' })))).toMatchObject({
      retryable: false,
      options: { code: 'invalidStaffId' },
    });
    expect(await failure(h.sender.send(h.item({ chatType: 'single', chatId: 'busy' })))).toMatchObject({
      retryable: true,
      options: { code: 'flowControlled' },
    });
  });

  test('sendMany merges 1:1 reminders with the same text into batchSends of at most 20 users', async () => {
    h.fake.batchAnswer = (ids) => ({
      invalidStaffIdList: ids.filter((x) => x === 'u7'),
      flowControlledStaffIdList: ids.filter((x) => x === 'u30'),
    });
    const same = Array.from({ length: 45 }, (_, i) =>
      h.item({ chatType: 'single', chatId: `u${i}`, text: '⏰ 任务 #1 明天截止' }),
    );
    const other = h.item({ chatType: 'single', chatId: 'u99', text: '另一条' });
    const group = h.item({ text: '群消息' });
    const result = await h.sender.sendMany([...same, other, group]);
    const calls = h.fake.callsTo('/v1.0/robot/oToMessages/batchSend');
    expect(calls.map((c) => c.body.userIds.length)).toEqual([20, 20, 5, 1]);
    expect(h.fake.callsTo('/v1.0/robot/groupMessages/send')).toHaveLength(1);
    expect(result.get(same[7].id)).toMatchObject({ retryable: false });
    expect(result.get(same[30].id)).toMatchObject({ retryable: true });
    expect([...result.values()].filter(Boolean)).toHaveLength(2);
    expect(result.size).toBe(47);
  });

  test('pacing keys: one per enterprise robot for all its paths, one per custom robot', () => {
    expect(routeKey({ kind: 'group', robotCode: 'r1' })).toBe(routeKey({ kind: 'oto', robotCode: 'r1' }));
    expect(routeKey({ kind: 'session', robotCode: 'r1', webhook: 'x' })).toBe('dingtalk:robot:r1');
    expect(routeKey({ kind: 'custom', token: 'a' })).not.toBe(routeKey({ kind: 'custom', token: 'b' }));
  });

  test('pacing, measured at DingTalk: a burst of 25 group messages arrives at most 20 in any minute, and all arrive', async () => {
    h.fake.now = () => h.clock.now().getTime();
    const outbox = new Outbox(h.store.outbox, h.store.chatLog, h.clock, createLogger('silent'), { owner: 'pacing' });
    outbox.registerSender(h.sender);
    const target = { platform: 'dingtalk' as const, chatId: 'cidGroupQingshan0001==', chatType: 'group' as const };
    for (let i = 0; i < 25; i++) await h.store.outbox.enqueue({ target, text: `提醒 ${i}` }, h.clock.now());
    const sends = () => h.fake.callsTo('/v1.0/robot/groupMessages/send');
    for (let step = 0; step < 60 && sends().length < 25; step++) {
      await outbox.drainOnce();
      h.clock.advance(5_000);
    }
    const arrivals = sends().map((c) => c.at);
    expect(arrivals).toHaveLength(25);
    const busiestMinute = Math.max(
      ...arrivals.map((start) => arrivals.filter((t) => t >= start && t < start + 60_000).length),
    );
    expect(busiestMinute).toBe(20);
  });

  test('a long text is split at line breaks into pieces DingTalk accepts', async () => {
    const line = '学'.repeat(1000);
    await h.sender.send(h.item({ text: Array.from({ length: 10 }, () => line).join('\n') }));
    const pieces = h.fake
      .callsTo('/v1.0/robot/groupMessages/send')
      .map((c) => JSON.parse(c.body.msgParam).content as string);
    // 3,000 bytes a line: three lines and their breaks fit under 12,000 bytes, four do not.
    expect(pieces.length).toBe(4);
    expect(pieces.join('\n')).toBe(Array.from({ length: 10 }, () => line).join('\n'));
    for (const p of pieces) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(12_000);
  });

  test('network failures are retryable', async () => {
    await h.fake.stop();
    expect(await failure(h.sender.send(h.item()))).toMatchObject({ retryable: true, options: { code: 'NETWORK' } });
  });
});
