import type { OutboxItem } from '../../../src/outbox/outbox-types';
import { limitsFor, planPaths } from '../../../src/platforms/wecom/reply-paths';
import { cleanupTempDirs } from '../../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../../helpers/test-runtime';
import { FakeWecomApi } from './helpers/fake-wecom-api';
import { aibotFixture, botEnv } from './helpers/wecom-env';
import { postBot } from './helpers/wecom-requests';

const NOW = new Date('2026-12-01T02:00:00Z');
const item = (over: Partial<OutboxItem> = {}): OutboxItem => ({
  id: 1,
  target: { platform: 'wecom', chatId: 'g1', chatType: 'group' },
  text: 'hi',
  status: 'sending',
  attempts: 1,
  nextAttemptAt: NOW.toISOString(),
  createdAt: NOW.toISOString(),
  ...over,
});
const ctx = {
  now: NOW,
  wsConfigured: true,
  appConfigured: true,
  sessionActive: true,
  webhookKey: 'k'.repeat(20),
  usedResponseUrls: new Set<string>(),
};
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

describe('reply path planning', () => {
  test('in-thread first while valid, then the group webhook before the AI-bot push; a message with @ prefers the webhook', () => {
    const hint = { via: 'aibot-ws', reqId: 'r1', responseUrl: 'http://x/r', at: ago(1000) };
    expect(planPaths(item({ replyHint: hint }), ctx).map((p) => p.kind)).toEqual([
      'ws-reply',
      'response-url',
      'webhook',
      'ws-push',
    ]);
    expect(planPaths(item(), ctx).map((p) => p.kind)).toEqual(['webhook', 'ws-push']);
    expect(planPaths(item({ replyHint: hint, mentions: ['u1'] }), ctx).map((p) => p.kind)).toEqual([
      'webhook',
      'ws-reply',
      'response-url',
      'ws-push',
    ]);
  });

  test('the WS reply window (24 h on the long connection) and response_url (valid 1 h, once) expire', () => {
    const old = { via: 'aibot-ws', reqId: 'r1', responseUrl: 'http://x/r', at: ago(6 * 60_000) };
    expect(planPaths(item({ replyHint: old }), ctx).map((p) => p.kind)).toEqual([
      'ws-reply',
      'response-url',
      'webhook',
      'ws-push',
    ]);
    expect(planPaths(item({ replyHint: { ...old, at: ago(5 * 60 * 60_000) } }), ctx).map((p) => p.kind)).toEqual([
      'ws-reply',
      'webhook',
      'ws-push',
    ]);
    expect(planPaths(item({ replyHint: { ...old, at: ago(24 * 60 * 60_000) } }), ctx).map((p) => p.kind)).toEqual([
      'webhook',
      'ws-push',
    ]);
    const used = { ...ctx, usedResponseUrls: new Set(['http://x/r']) };
    expect(planPaths(item({ replyHint: old }), used).map((p) => p.kind)).toEqual(['ws-reply', 'webhook', 'ws-push']);
  });

  test('1:1 chats use the app, never a group webhook; the AI-bot push only with a session; nothing configured means no path', () => {
    const single = item({ target: { platform: 'wecom', chatId: 'u1', chatType: 'single' } });
    expect(planPaths(single, ctx).map((p) => p.kind)).toEqual(['ws-push', 'app']);
    expect(planPaths(single, { ...ctx, sessionActive: false }).map((p) => p.kind)).toEqual(['app']);
    expect(planPaths(item(), { ...ctx, sessionActive: false, webhookKey: undefined })).toEqual([]);
    expect(planPaths(item(), { ...ctx, wsConfigured: false, appConfigured: false, webhookKey: undefined })).toEqual([]);
  });

  test('limits: 20/min per webhook key (hashed, never the key); 30/min + 1000/h per AI-bot conversation, replies and pushes alike', () => {
    const [hook] = limitsFor({ kind: 'webhook', key: 'secret-key-123456' }, item(), 'bot1', '1000002');
    expect(hook.key).toMatch(/^wecom:webhook:[0-9a-f]{12}\/60000$/);
    expect(hook.key).not.toContain('secret');
    expect(hook.max).toBe(20);
    const conv = [
      { key: 'wecom:aibot:bot1:g1/60000', max: 30, windowMs: 60_000 },
      { key: 'wecom:aibot:bot1:g1/3600000', max: 1000, windowMs: 3_600_000 },
    ];
    expect(limitsFor({ kind: 'ws-push' }, item(), 'bot1', '1000002')).toEqual(conv);
    expect(limitsFor({ kind: 'ws-reply', reqId: 'r' }, item(), 'bot1', '1000002')).toEqual(conv);
    expect(limitsFor({ kind: 'passive', reply: { offer: async () => true } }, item(), 'bot1', '1000002')).toEqual(conv);
    const app = limitsFor(
      { kind: 'app' },
      item({ target: { platform: 'wecom', chatId: 'u9', chatType: 'single' } }),
      'b',
      '1000002',
    );
    expect(app.map((l) => [l.key, l.max])).toEqual([
      ['wecom:app:1000002:u9/60000', 30],
      ['wecom:app:1000002:u9/3600000', 1000],
    ]);
  });
});

describe('WecomSender over HTTP callback mode', () => {
  let api: FakeWecomApi;
  let rt: TestRuntime;
  beforeAll(async () => {
    api = await new FakeWecomApi(() => rt.clock.now().getTime()).start();
    rt = await testRuntime(botEnv(api.base));
  });
  afterAll(async () => {
    await rt.stop();
    await api.stop();
    cleanupTempDirs();
  });

  const hint = () => ({
    via: 'aibot-http',
    passiveId: 'zbnobodywaits',
    responseUrl: `${api.base}/aibot/response/r9`,
    at: rt.clock.now().toISOString(),
  });

  test('a reply nobody waits for any more takes the response_url, once; the next one has no path and is held, not failed', async () => {
    const first = await rt.services.outbox.enqueue({
      target: { platform: 'wecom', chatId: 'g9', chatType: 'group' },
      text: '# 第一条',
      replyHint: hint(),
    });
    await rt.outbox.drainOnce();
    expect((await rt.services.store.outbox.get(first.id))?.status).toBe('sent');
    expect(api.calls('/aibot/response/r9').map((c) => c.body)).toEqual([
      { msgtype: 'markdown', markdown: { content: '\\# 第一条' } },
    ]);
    const second = await rt.services.outbox.enqueue({
      target: { platform: 'wecom', chatId: 'g9', chatType: 'group' },
      text: '第二条',
      replyHint: hint(),
    });
    await rt.outbox.drainOnce();
    expect(await rt.services.store.outbox.get(second.id)).toMatchObject({ status: 'pending' });
    expect(api.calls('/aibot/response/r9')).toHaveLength(1);
  });

  test('HTTP mode, no webhook: a group post is held and the secretary told once; a notice that is held itself tells nobody', async () => {
    const payload = (userid: string, text: string, msgid: string) => ({
      ...aibotFixture('text-group', { API: api.base }),
      msgid,
      chatid: 'g10',
      from: { userid },
      text: { content: text },
    });
    await postBot(rt.app, payload('admin', '绑定支部 二支部 流入', 'n1'));
    await postBot(rt.app, payload('sec2', '报到 赵书记 广东佛山', 'n2'));
    await postBot(rt.app, payload('admin', '设为书记 赵书记', 'n3'));
    await rt.outbox.drainOnce();
    const depthBefore = await rt.services.store.outbox.depth();
    const held = await rt.services.outbox.enqueue({
      target: { platform: 'wecom', chatId: 'g10', chatType: 'group' },
      text: '定时推送',
    });
    await rt.outbox.drainOnce();
    await rt.outbox.drainOnce();
    rt.clock.advance(31 * 60_000);
    await rt.outbox.drainOnce();
    expect((await rt.services.store.outbox.get(held.id))?.status).toBe('pending');
    const notices = [];
    for (let id = held.id + 1; id < held.id + 10; id++) {
      const n = await rt.services.store.outbox.get(id);
      if (n) notices.push(n);
    }
    expect(notices.map((n) => [n.target.chatId, n.status])).toEqual([['sec2', 'pending']]);
    expect(notices[0].text).toContain('设置推送');
    expect(await rt.services.store.outbox.depth()).toBe(depthBefore + 2);
    expect(
      (await rt.services.store.outbox.listFailed(100)).filter((f) => f.idemKey?.startsWith('failed-send:')),
    ).toEqual([]);
  });
});

describe('WecomSender: the cost of one send', () => {
  test('pacing and sending an item look the chat up once: the path planned for the pace is the one sent on', async () => {
    const { WecomSender } = await import('../../../src/platforms/wecom/wecom-sender');
    let chatReads = 0;
    const posts: string[] = [];
    const services = {
      clock: { now: () => NOW },
      log: { warn: () => undefined, error: () => undefined },
      store: {
        chats: {
          get: async () => {
            chatReads++;
            return { platform: 'wecom', chatId: 'g1', push: { webhookKey: 'k'.repeat(20) } };
          },
        },
      },
    };
    const sender = new WecomSender({
      services: services as never,
      outbox: {} as never,
      webhook: { sendMarkdown: async (_key: string, part: string) => void posts.push(part) } as never,
      sessions: { onActive: () => undefined, state: async () => ({ state: 'needed' }) } as never,
    });
    const queued = item({ text: '第一条' });
    const plan = await sender.pace(queued);
    await sender.send(queued);
    expect(plan.limits.map((l) => l.key)).toEqual([expect.stringMatching(/^wecom:webhook:/)]);
    expect(posts).toEqual(['第一条']);
    expect(chatReads).toBe(1);
    // Another claim of the item (a retry) is planned afresh.
    await sender.send(item({ text: '第一条' }));
    expect(chatReads).toBe(2);
  });
});
