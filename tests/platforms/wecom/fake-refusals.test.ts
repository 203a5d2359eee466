import { fixedClock } from '../../../src/time/clock';
import type { SendError } from '../../../src/outbox/sender';
import { WecomAppApi } from '../../../src/platforms/wecom/app-api';
import { WebhookClient } from '../../../src/platforms/wecom/webhook-client';
import { FakeWecomApi } from './helpers/fake-wecom-api';

const KEY = '693a91f6-7c3e-4bc4-97a0-0ec2e1f5aaa1';
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (err: SendError) => err,
  );

/** The fake refuses what WeCom refuses (reference/wecom.md §4); the clients must cope with each refusal. */
describe('WeCom refusals, as the fake enforces them', () => {
  const clock = fixedClock('2026-12-01T02:00:00Z');
  let api: FakeWecomApi;
  beforeEach(async () => {
    api = await new FakeWecomApi(() => clock.now().getTime()).start();
    api.webhookKeys.add(KEY);
  });
  afterEach(() => api.stop());

  test('a token WeCom never issued is 40014, a rotated or 2-hour-old one 42001; the app API fetches a new one and delivers', async () => {
    const direct = async (token: string) =>
      (
        (await (
          await fetch(`${api.base}/cgi-bin/message/send?access_token=${token}`, { method: 'POST', body: '{}' })
        ).json()) as { errcode: number }
      ).errcode;
    expect(await direct('made-up')).toBe(40014);
    const app = new WecomAppApi({ apiBase: api.base, corpId: 'ww1', secret: api.corpSecret, agentId: 1000002 }, clock);
    await app.sendText('zhangsan', '第一条');
    api.expireToken();
    expect(await direct('token-1')).toBe(42001);
    await app.sendText('zhangsan', '第二条');
    clock.advance(7_200_000);
    await app.sendText('zhangsan', '第三条');
    const sends = api.calls('/cgi-bin/message/send').filter((c) => c.body?.text);
    // 第二条 went out with the rotated token, was refused, and went again with a new one; 第三条 used a fresh token.
    expect(sends.map((c) => c.body.text.content)).toEqual(expect.arrayContaining(['第一条', '第二条', '第三条']));
    expect(sends.filter((c) => c.body.text.content === '第二条').map((c) => c.query.access_token)).toEqual([
      'token-1',
      'token-2',
    ]);
    expect(sends.at(-1)!.query.access_token).toBe(api.validToken);
    expect(api.calls('/cgi-bin/gettoken')).toHaveLength(3);
  });

  test('text over 2048 bytes and markdown over 4096 are refused with 40058, for good', async () => {
    const hook = new WebhookClient(api.base);
    expect(await failure(hook.sendText(KEY, '学'.repeat(683)))).toMatchObject({ retryable: false });
    expect(await failure(hook.sendMarkdown(KEY, '学'.repeat(1366)))).toMatchObject({ retryable: false });
    await hook.sendText(KEY, '学'.repeat(682));
    await hook.sendMarkdown(KEY, '学'.repeat(1365));
  });

  test("a webhook robot's 21st message within a minute gets 45009, retryable; a minute later it is accepted", async () => {
    const hook = new WebhookClient(api.base);
    for (let i = 0; i < 20; i++) await hook.sendMarkdown(KEY, `第${i}条`);
    const err = await failure(hook.sendMarkdown(KEY, '第21条'));
    expect(err.retryable).toBe(true);
    expect(String(err.options.code)).toBe('45009');
    clock.advance(60_001);
    await hook.sendMarkdown(KEY, '一分钟后');
  });
});
