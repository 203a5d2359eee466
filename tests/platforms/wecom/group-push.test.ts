import crypto from 'node:crypto';
import { SendError } from '../../../src/outbox/sender';
import { WebhookClient } from '../../../src/platforms/wecom/webhook-client';
import { cleanupTempDirs } from '../../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../../helpers/test-runtime';
import { FakeWecomApi } from './helpers/fake-wecom-api';
import { aibotFixture, appEnv, botEnv } from './helpers/wecom-env';
import { openBotReply, postBot } from './helpers/wecom-requests';

const GROUP = 'wrkSFfCgAAgroup01';
const KEY = '693a91f6-7c3e-4bc4-97a0-0ec2e1f5aaa1';
const group = { platform: 'wecom' as const, chatId: GROUP, chatType: 'group' as const };
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('group push robot (消息推送 webhook): 设置推送, message forms, pacing, failures', () => {
  let api: FakeWecomApi;
  let rt: TestRuntime;
  let seq = 0;
  const hookCalls = () => api.calls('/cgi-bin/webhook/send');

  async function say(userId: string, text: string): Promise<string> {
    const payload = {
      ...aibotFixture('text-group', { API: api.base }),
      msgid: `push-${++seq}`,
      from: { userid: userId },
      text: { content: `@支部机器人 ${text}` },
    };
    return openBotReply((await postBot(rt.app, payload)).body).stream.content;
  }

  beforeAll(async () => {
    api = await new FakeWecomApi(() => rt.clock.now().getTime()).start();
    api.webhookKeys.add(KEY);
    rt = await testRuntime({ ...botEnv(api.base), ...appEnv(api.base) });
    await say('admin', '绑定支部 青山村党支部 流出');
    await say('wangshuji', '报到 王书记 广东广州');
    await say('admin', '设为书记 王书记');
    await say('zhangsan', '报到 张三 广东广州');
    await rt.outbox.drainOnce();
  });
  afterAll(async () => {
    await rt.stop();
    await api.stop();
    cleanupTempDirs();
  });

  test('设置推送: members are refused, bad input explained, the secretary sets it from the full address (key masked)', async () => {
    expect(await say('zhangsan', `设置推送 ${KEY}`)).toContain('是支部书记的命令');
    expect(await say('wangshuji', '设置推送 abc')).toMatch(
      /^格式不对：「abc」不像群机器人的 key[\s\S]*正确格式：设置推送 ＜key或完整地址＞/,
    ); // markdown shows <…> in full width
    expect(await say('wangshuji', '设置推送 https://qyapi.weixin.qq.com/cgi-bin/other?key=1')).toContain(
      'webhook 地址',
    );
    const ok = await say('wangshuji', `设置推送 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`);
    expect(ok).toContain('已设置本群推送（群机器人 key 693a…aaa1）');
    expect(ok).not.toContain(KEY);
    expect((await rt.services.store.chats.get('wecom', GROUP))?.push).toMatchObject({
      webhookKey: KEY,
      aibotSession: 'active',
    });
  });

  test('a scheduled post goes through the webhook as markdown; an @ message as text with mentioned_list', async () => {
    await rt.services.outbox.enqueue({ target: group, text: '📌 本周任务 #1' });
    await rt.services.outbox.enqueue({ target: group, text: '⏰ 请 @张三 完成任务 #1', mentions: ['zhangsan'] });
    await rt.outbox.drainOnce();
    expect(
      hookCalls()
        .slice(-2)
        .map((c) => [c.query.key, c.body]),
    ).toEqual([
      [KEY, { msgtype: 'markdown', markdown: { content: '📌 本周任务 #1' } }],
      [KEY, { msgtype: 'text', text: { content: '⏰ 请 @张三 完成任务 #1', mentioned_list: ['zhangsan'] } }],
    ]);
  });

  test('long texts are split on line boundaries: markdown at 4096 bytes, text at 2048 with the @ on the last part', async () => {
    rt.clock.advance(120_000);
    const lines = Array.from({ length: 300 }, (_, i) => `${i + 1}. 党员${String.fromCharCode(0x4e00 + i)} ${i} 分`);
    const before = hookCalls().length;
    await rt.services.outbox.enqueue({ target: group, text: lines.join('\n') });
    await rt.outbox.drainOnce();
    const parts = hookCalls()
      .slice(before)
      .map((c) => c.body.markdown.content as string);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => bytes(p) <= 4096)).toBe(true);
    expect(parts.join('\n')).toBe(lines.join('\n'));
    rt.clock.advance(120_000);
    const mid = hookCalls().length;
    await rt.services.outbox.enqueue({ target: group, text: lines.slice(0, 150).join('\n'), mentions: ['zhangsan'] });
    await rt.outbox.drainOnce();
    const texts = hookCalls()
      .slice(mid)
      .map((c) => c.body.text);
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.every((t) => bytes(t.content) <= 2048)).toBe(true);
    expect(texts.map((t) => t.mentioned_list)).toEqual([...Array(texts.length - 1).fill(undefined), ['zhangsan']]);
  });

  test('60 messages for one robot reach it at no more than 20 per rolling minute, all 60 delivered, in order', async () => {
    rt.clock.advance(120_000);
    const before = hookCalls().length;
    for (let i = 0; i < 60; i++) await rt.services.outbox.enqueue({ target: group, text: `消息 ${i}` });
    for (let step = 0; step < 400 && hookCalls().length - before < 60; step++) {
      await rt.outbox.drainOnce();
      rt.clock.advance(1_000);
    }
    const calls = hookCalls().slice(before);
    expect(calls.map((c) => c.body.markdown.content)).toEqual(Array.from({ length: 60 }, (_, i) => `消息 ${i}`));
    for (let i = 0; i + 20 < calls.length; i++) expect(calls[i + 20].at - calls[i].at).toBeGreaterThanOrEqual(60_000);
    expect(calls.at(-1)!.at - calls[0].at).toBeLessThan(4 * 60_000);
  });

  test('pacing counts sent parts: five long posts split into 25 webhook calls still stay under 20 per rolling minute', async () => {
    rt.clock.advance(120_000);
    const before = hookCalls().length;
    // About 3.6 kB of markdown per block: no two blocks share a 4096-byte part, so each post goes in 5 parts.
    const block = (p: number, b: number) =>
      Array.from({ length: 52 }, (_, i) => `${p}-${b}-${i} 第${i}条学习要点，请认真阅读并在群里回复心得`).join('\n');
    const posts = Array.from({ length: 5 }, (_, p) => Array.from({ length: 5 }, (_, b) => block(p, b)).join('\n'));
    for (const text of posts) await rt.services.outbox.enqueue({ target: group, text });
    for (let step = 0; step < 400 && hookCalls().length - before < 25; step++) {
      await rt.outbox.drainOnce();
      rt.clock.advance(1_000);
    }
    const calls = hookCalls().slice(before);
    expect(calls).toHaveLength(25);
    expect(calls.map((c) => c.body.markdown.content).join('\n')).toBe(posts.join('\n'));
    for (let i = 0; i + 20 < calls.length; i++) expect(calls[i + 20].at - calls[i].at).toBeGreaterThanOrEqual(60_000);
  });

  test('rate-limit errcode 45009 and a dropped connection are retried with back-off, not lost', async () => {
    rt.clock.advance(120_000);
    api.inject('/cgi-bin/webhook/send', { errcode: 45009, errmsg: 'api freq out of limit' });
    api.inject('/cgi-bin/webhook/send', 'drop');
    const item = await rt.services.outbox.enqueue({ target: group, text: '稍后送达' });
    await rt.outbox.drainOnce();
    expect(await rt.services.store.outbox.get(item.id)).toMatchObject({
      status: 'pending',
      lastError: expect.stringContaining('45009'),
    });
    for (let i = 0; i < 10 && (await rt.services.store.outbox.get(item.id))?.status !== 'sent'; i++) {
      rt.clock.advance(70_000);
      await rt.outbox.drainOnce();
    }
    expect((await rt.services.store.outbox.get(item.id))?.status).toBe('sent');
    expect(hookCalls().at(-1)!.body.markdown.content).toBe('稍后送达');
  });

  test('an invalid key fails the message and the secretary is told privately with the fix; that notice does not loop', async () => {
    rt.clock.advance(120_000);
    await rt.services.store.chats.setPush('wecom', GROUP, { webhookKey: 'ffffffff-0000-0000-0000-000000000000' });
    const item = await rt.services.outbox.enqueue({ target: group, text: '⏰ 提醒 @张三', mentions: ['zhangsan'] });
    await rt.outbox.drainOnce();
    await rt.outbox.drainOnce();
    const failed = await rt.services.store.outbox.get(item.id);
    expect(failed).toMatchObject({ status: 'failed', lastError: expect.stringContaining('93000') });
    expect(failed?.lastError).not.toContain('ffffffff-0000');
    const notice = api.calls('/cgi-bin/message/send').at(-1)!.body;
    expect(notice.touser).toBe('wangshuji');
    expect(notice.text.content).toMatch(/没能发出[\s\S]*提醒 @张三[\s\S]*设置推送/);
    await rt.bot.settled();
  });

  test('设置推送 only works in a group; 设置推送 关闭 clears the key', async () => {
    const single = {
      ...aibotFixture('text-single', { API: api.base }),
      msgid: 'push-single',
      from: { userid: 'wangshuji' },
      text: { content: `设置推送 ${KEY}` },
    };
    expect(openBotReply((await postBot(rt.app, single)).body).stream.content).toContain('请在要接收推送的群里发送');
    expect(await say('wangshuji', '设置推送 关闭')).toContain('已取消本群的推送设置');
    expect((await rt.services.store.chats.get('wecom', GROUP))?.push).toBeUndefined();
  });
});

describe('WebhookClient image messages', () => {
  const PNG = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );
  let api: FakeWecomApi;
  beforeAll(async () => {
    api = await new FakeWecomApi().start();
    api.webhookKeys.add(KEY);
  });
  afterAll(() => api.stop());

  test('sends base64 + md5 of the raw bytes; refuses over 2 MB or non-JPG/PNG without calling WeCom', async () => {
    const client = new WebhookClient(api.base);
    await client.sendImage(KEY, PNG);
    expect(api.calls('/cgi-bin/webhook/send')[0].body).toEqual({
      msgtype: 'image',
      image: { base64: PNG.toString('base64'), md5: crypto.createHash('md5').update(PNG).digest('hex') },
    });
    const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]);
    await expect(client.sendImage(KEY, big)).rejects.toMatchObject({
      retryable: false,
      message: expect.stringContaining('over 2 MB'),
    });
    await expect(client.sendImage(KEY, Buffer.from('GIF89a-not-allowed'))).rejects.toBeInstanceOf(SendError);
    expect(api.calls('/cgi-bin/webhook/send')).toHaveLength(1);
  });
});
