import crypto from 'node:crypto';
import request from 'supertest';
import type { AibotWsChannel } from '../../../src/platforms/wecom/aibot-ws-channel';
import { cleanupTempDirs } from '../../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../../helpers/test-runtime';
import { FakeAibotServer, type SentFrame } from './helpers/fake-aibot-server';
import { FakeWecomApi } from './helpers/fake-wecom-api';
import { refEncryptMedia } from './helpers/reference-cipher';
import { waitUntil } from './helpers/wait-until';
import { aibotFixture, attachWs, MEDIA_AESKEY } from './helpers/wecom-env';
import type { WireJson } from '../../helpers/wire-json';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const GROUP = 'wrkSFfCgAAgroup01';

describe('AI bot long connection through the official SDK against a local fake server', () => {
  let api: FakeWecomApi;
  let server: FakeAibotServer;
  let rt: TestRuntime;
  let ws: AibotWsChannel;
  let seq = 0;

  /** Pushes a text frame in the group and resolves with the reply frame answering it. */
  async function say(userId: string, text: string, body: Record<string, WireJson> = {}): Promise<SentFrame> {
    const frame: Record<string, WireJson> = {
      ...aibotFixture('text-group', { API: api.base }),
      msgid: `ws-${++seq}`,
      from: { userid: userId },
      text: { content: `@支部机器人 ${text}` },
      ...body,
    };
    delete frame.response_url;
    const reqId = server.push(frame);
    await server.waitFor(() => server.sent.some((f) => f.reqId === reqId));
    return server.sent.find((f) => f.reqId === reqId)!;
  }

  beforeAll(async () => {
    api = await new FakeWecomApi().start();
    server = await new FakeAibotServer().start();
    rt = await testRuntime({ WECOM_API_BASE: api.base, ZHIBU_ADMINS: 'sim:u_admin,wecom:admin' });
    ws = attachWs(rt, server.url, api.base).ws;
    await ws.start!();
    await ws.connection.whenConnected();
  });
  afterAll(async () => {
    await ws.stop!();
    await rt.stop();
    await server.stop();
    await api.stop();
    cleanupTempDirs();
  });

  test('authenticates with bot id and secret; /healthz and /metrics show the connection', async () => {
    expect(server.auths).toBe(1);
    const health = await request(rt.app.callback()).get('/healthz');
    expect(health.body.channels['wecom-aibot-ws']).toMatchObject({ state: 'connected', ok: true });
    const metrics = await request(rt.app.callback()).get('/metrics');
    expect(metrics.text).toMatch(/^zhibu_wecom_ws_connected 1$/m);
  });

  test('a text frame is answered with a finished markdown stream on its req_id', async () => {
    const reply = await say('admin', '绑定支部 青山村党支部 流出');
    expect(reply).toMatchObject({ cmd: 'aibot_respond_msg', accepted: true });
    expect(reply.body).toMatchObject({
      msgtype: 'stream',
      stream: { finish: true, content: expect.stringContaining('已绑定「青山村党支部」') },
    });
  });

  test('mixed text + image: the image is downloaded, decrypted with its own aeskey and kept as proof', async () => {
    await say('wangshuji', '报到 王书记 广东广州');
    await say('admin', '设为书记 王书记');
    await say('wangshuji', '发布任务 学习党章\n截止：2026-12-07 18:00\n分值：10\n证明：图片/文字\n字数：20');
    await say('lisi', '报到 李四 广东佛山');
    api.media.set('photo-1', { bytes: refEncryptMedia(PNG, MEDIA_AESKEY), type: 'application/octet-stream' });
    const mixed = { ...aibotFixture('mixed-group', { API: api.base }), from: { userid: 'lisi' } };
    const reqId = server.push(mixed);
    await server.waitFor(() => server.sent.some((f) => f.reqId === reqId));
    expect(server.sent.find((f) => f.reqId === reqId)!.body.stream.content).toContain('+10 分');
    const sha = crypto.createHash('sha256').update(PNG).digest('hex');
    expect((await rt.services.store.blobs.get(sha))?.bytes.equals(PNG)).toBe(true);
  });

  test('voice arrives as its transcript, a quote as quoteText; a 1:1 file is fetched and decrypted', async () => {
    const voice = { ...aibotFixture('voice-single', { API: api.base }), from: { userid: 'lisi' } };
    const vReq = server.push(voice);
    await server.waitFor(() => server.sent.some((f) => f.reqId === vReq));
    expect(server.sent.find((f) => f.reqId === vReq)!.body.stream.content).toContain('李四的积分');
    const quote = await say('lisi', '任务', { quote: { msgtype: 'text', text: { content: '📌 新任务 #1' } } });
    expect(quote.body.stream.content).toContain('#1');
    const pdf = Buffer.from('%PDF-1.4 学习心得');
    api.media.set('report-1', {
      bytes: refEncryptMedia(pdf, MEDIA_AESKEY),
      type: 'application/octet-stream',
      filename: 'xinde.pdf',
    });
    const fReq = server.push({ ...aibotFixture('file-single', { API: api.base }), from: { userid: 'lisi' } });
    await server.waitFor(() => server.sent.some((f) => f.reqId === fReq));
    expect(await rt.services.store.blobs.has(crypto.createHash('sha256').update(pdf).digest('hex'))).toBe(true);
  });

  test('a proactive post goes out with sendMessage (aibot_send_msg) as markdown', async () => {
    await rt.services.outbox.enqueue({
      target: { platform: 'wecom', chatId: GROUP, chatType: 'group' },
      text: '# 本周任务\n请按时完成',
    });
    await rt.outbox.drainOnce();
    const push = server.sent.filter((f) => f.cmd === 'aibot_send_msg').at(-1)!;
    expect(push.body).toEqual({
      chatid: GROUP,
      msgtype: 'markdown',
      markdown: { content: '\\# 本周任务\n请按时完成' },
    });
  });

  test('enter_chat is welcomed once on its own req_id', async () => {
    const reqId = server.push(aibotFixture('event-enter-chat'), 'aibot_event_callback');
    await server.waitFor(() => server.sent.some((f) => f.reqId === reqId));
    expect(server.sent.find((f) => f.reqId === reqId)).toMatchObject({
      cmd: 'aibot_respond_welcome_msg',
      body: { msgtype: 'text' },
    });
  });

  test("a drop mid-reply: the SDK reconnects with back-off and the acknowledged message's reply still arrives, once", async () => {
    server.dropOnNext = 'aibot_respond_msg';
    const frame: Record<string, WireJson> = {
      ...aibotFixture('text-single', { API: api.base }),
      msgid: 'ws-drop-1',
      from: { userid: 'lisi' },
    };
    delete frame.response_url;
    server.push(frame);
    await server.waitFor(() => server.auths === 2);
    await ws.connection.whenConnected();
    expect(ws.connection.reconnects).toBeGreaterThanOrEqual(1);
    const [item] = (await rt.services.store.outbox.listFailed(10)).filter((i) => i.text.includes('李四的积分'));
    expect(item).toBeUndefined();
    rt.clock.advance(10_000); // past the outbox's retry back-off
    await rt.outbox.drainOnce();
    const pushed = server.sent.filter((f) => f.cmd === 'aibot_send_msg' && f.body.chatid === 'lisi' && f.accepted);
    expect(pushed).toHaveLength(1);
    expect(pushed[0].body.markdown.content).toContain('李四的积分');
    // WeCom may deliver the same frame again on the new connection: it is a duplicate and gets no second answer.
    server.push(frame);
    const sentinel = await say('admin', '帮助');
    expect(sentinel.accepted).toBe(true);
    expect(server.sent.filter((f) => f.cmd === 'aibot_send_msg' && f.body.chatid === 'lisi')).toHaveLength(1);
  });

  test('heartbeats are answered; a replaced connection (disconnected_event) shows as not ok', async () => {
    const { ws: second } = attachWs(rt, server.url, api.base, { ws: { reconnectBaseMs: 5, heartbeatMs: 20 } });
    await second.start!();
    await second.connection.whenConnected();
    const pings = server.pings;
    await server.waitFor(() => server.pings >= pings + 2);
    expect(second.connection.connected).toBe(true);
    server.push(
      { msgid: 'evt-disc', aibotid: 'AIBOTID', msgtype: 'event', event: { eventtype: 'disconnected_event' } },
      'aibot_event_callback',
    );
    await waitUntil(() => second.connection.state === 'replaced');
    expect(second.health!()).toMatchObject({ state: 'replaced', ok: false });
    await second.stop!();
  });
});

describe('AI bot long connection: wrong credentials', () => {
  test('authentication failures end in auth_failed with the fix in the health detail', async () => {
    const server = await new FakeAibotServer().start();
    server.secret = 'something-else';
    const rt = await testRuntime({ ZHIBU_ADMINS: 'sim:u_admin' });
    const { ws } = attachWs(rt, server.url, 'http://127.0.0.1:9');
    await ws.start!();
    await waitUntil(() => ws.connection.state === 'auth_failed');
    expect(ws.health!()).toMatchObject({ state: 'auth_failed', ok: false });
    expect(ws.connection.lastError).toMatch(/Max auth failure attempts|Authentication failed/);
    await ws.stop!();
    await rt.stop();
    await server.stop();
    cleanupTempDirs();
  });
});
