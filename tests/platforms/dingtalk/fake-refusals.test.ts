import { SendError } from '../../../src/outbox/sender';
import { DingtalkSender } from '../../../src/platforms/dingtalk/dingtalk-sender';
import { createLogger } from '../../../src/observability/logger';
import { cleanupTempDirs } from '../../helpers/temp-dir';
import { T0_MS, senderHarness } from './sender-harness';

/** The fake refuses what DingTalk refuses (reference/dingtalk.md); the sender must cope with each refusal. */
describe('DingTalk refusals, as the fake enforces them', () => {
  let h: Awaited<ReturnType<typeof senderHarness>>;
  beforeEach(async () => {
    h = await senderHarness();
  });
  afterEach(async () => {
    await h.close();
  });
  afterAll(cleanupTempDirs);
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error('expected a failure');
      },
      (err: SendError) => err,
    );
  const statusOf = async (path: string, token: string, body: object) =>
    (
      await fetch(h.fake.base + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-acs-dingtalk-access-token': token },
        body: JSON.stringify(body),
      })
    ).status;

  test('an unknown or expired access token is refused; the sender fetches a new one and the message arrives', async () => {
    const group = {
      robotCode: h.fake.clientId,
      openConversationId: 'cidGroupQingshan0001==',
      msgKey: 'sampleText',
      msgParam: '{"content":"x"}',
    };
    expect(await statusOf('/v1.0/robot/groupMessages/send', 'tok-999', group)).toBe(401);
    await h.sender.send(h.item({ text: '第一条' }));
    h.fake.expireTokens();
    expect(await statusOf('/v1.0/robot/groupMessages/send', 'tok-1', group)).toBe(401);
    await h.sender.send(h.item({ text: '第二条' }));
    expect(h.fake.callsTo('/v1.0/oauth2/accessToken')).toHaveLength(2);
    const delivered = h.fake
      .callsTo('/v1.0/robot/groupMessages/send')
      .filter((c) => c.headers['x-acs-dingtalk-access-token'] === 'tok-2');
    expect(delivered.map((c) => JSON.parse(c.body.msgParam).content)).toEqual(['第二条']);
  });

  test('a robotCode of another app is refused and the send fails for good, naming the setting', async () => {
    const wrong = new DingtalkSender({
      api: h.api,
      store: h.store,
      clock: h.clock,
      meter: h.meter,
      log: createLogger('silent'),
      oapiBase: h.fake.base,
      robotCode: 'robot-of-another-app',
    });
    const err = await failure(wrong.send(h.item()));
    expect(err.retryable).toBe(false);
    expect(`${err.message} ${err.options.fix ?? ''}`).toContain('robotCode');
  });

  test('unpaced, the 21st message in a minute is throttled and the robot muted; the sender waits out the mute', async () => {
    for (let i = 0; i < 20; i++) await h.sender.send(h.item({ text: `第${i}条` }));
    const err = await failure(h.sender.send(h.item({ text: '第21条' })));
    expect(err).toMatchObject({ retryable: true, options: { code: 'send.too.fast', retryAfterMs: 600_000 } });
    h.clock.advance(61_000);
    expect((await failure(h.sender.send(h.item({ text: '禁言中' })))).options.code).toBe('send.too.fast');
    h.clock.advance(10 * 60_000);
    await h.sender.send(h.item({ text: '解禁后' }));
  });

  test('a long text reaches DingTalk in pieces whose msgParam stays under 15,000 bytes', async () => {
    await h.sender.send(h.item({ text: '学习党章，'.repeat(4000) }));
    const sends = h.fake.callsTo('/v1.0/robot/groupMessages/send');
    expect(sends.length).toBeGreaterThan(1);
    for (const c of sends) expect(Buffer.byteLength(c.body.msgParam)).toBeLessThanOrEqual(15_000);
  });

  test("a custom robot refuses a timestamp more than an hour off DingTalk's clock; the sender names the cause", async () => {
    h.fake.robots.set('robottoken0123456789', 'SECright');
    await h.store.chats.upsertSeen({ platform: 'dingtalk', chatId: 'g', chatType: 'group' }, new Date(T0_MS));
    await h.store.chats.setPush('dingtalk', 'g', {
      webhook: 'https://oapi.dingtalk.com/robot/send?access_token=robottoken0123456789',
      secret: 'SECright',
    });
    await h.sender.send(h.item({ chatId: 'g', text: '时钟一致' }));
    h.fake.now = () => h.clock.now().getTime() + 61 * 60_000;
    const err = await failure(h.sender.send(h.item({ chatId: 'g', text: '时钟偏差' })));
    expect(err.options.code).toBe('310000');
    expect(err.message).toContain('invalid timestamp');
    expect(err.options.fix).toMatch(/时钟|clock/i);
  });
});
