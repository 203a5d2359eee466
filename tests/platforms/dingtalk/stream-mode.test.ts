import request from 'supertest';
import type { DingtalkChannel } from '../../../src/platforms/dingtalk/dingtalk-channel';
import { cleanupTempDirs } from '../../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../../helpers/test-runtime';
import { FakeDingtalk, waitFor } from './fake-dingtalk';
import { fixture, groupText } from './fixtures';

const TOPIC = '/v1.0/im/bot/messages/get';
let frameSeq = 0;
const callbackFrame = (data: object, messageId = `frame-${++frameSeq}`) => ({
  specVersion: '1.0',
  type: 'CALLBACK',
  headers: {
    appId: 'app-1',
    connectionId: 'conn-1',
    contentType: 'application/json',
    messageId,
    time: '1796090400000',
    topic: TOPIC,
  },
  data: JSON.stringify(data),
});
const systemFrame = (topic: string, data: object) => ({
  specVersion: '1.0',
  type: 'SYSTEM',
  headers: {
    appId: 'app-1',
    connectionId: 'conn-1',
    contentType: 'application/json',
    messageId: `sys-${++frameSeq}`,
    time: '1796090400000',
    topic,
  },
  data: JSON.stringify(data),
});

/** The real dingtalk-stream SDK against a fake gateway + WebSocket on 127.0.0.1, driven frame by frame. */
describe('DingTalk Stream mode', () => {
  let fake: FakeDingtalk;
  let rt: TestRuntime;
  let channel: DingtalkChannel;
  const supervisor = () => channel.stream!.supervisor;
  const client = () => channel.stream!.client;
  const acks = (messageId: string) => fake.received.filter((f) => f.headers?.messageId === messageId);
  const send = (frame: object) => fake.socket!.send(JSON.stringify(frame));
  const connected = () =>
    waitFor(() => supervisor().state === 'connected' && client().connected && fake.socket, 'the stream to connect');
  const settle = async () => {
    await waitFor(async () => (await rt.services.store.inbox.listUnprocessed(10)).length === 0, 'handling');
    await rt.outbox.drainOnce();
  };
  const deliver = async (data: object, messageId?: string) => {
    const frame = callbackFrame(data, messageId);
    send(frame);
    await waitFor(() => acks(frame.headers.messageId).length > 0, `the ack of ${frame.headers.messageId}`);
    await settle();
    return frame.headers.messageId;
  };

  beforeAll(() => {
    // The SDK prints "connect success" / "Disconnecting." with console.info; keep the test output readable.
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  beforeEach(async () => {
    fake = await new FakeDingtalk().start();
    rt = await testRuntime({
      DINGTALK_CLIENT_ID: fake.clientId,
      DINGTALK_CLIENT_SECRET: fake.clientSecret,
      DINGTALK_API_BASE: fake.base,
      DINGTALK_OAPI_BASE: fake.base,
      ZHIBU_ADMINS: 'dingtalk:staff_admin',
    });
    channel = rt.channels.find((c) => c.name === 'dingtalk') as DingtalkChannel;
    await channel.start!();
    await connected();
  });
  afterEach(async () => {
    await rt.stop();
    await fake.stop();
  });
  afterAll(() => {
    jest.restoreAllMocks();
    cleanupTempDirs();
  });

  test('connects through DINGTALK_API_BASE subscribing only to robot messages; state in /healthz and /metrics', async () => {
    const [open] = fake.callsTo('/v1.0/gateway/connections/open');
    expect(open.body).toMatchObject({
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      subscriptions: [{ type: 'CALLBACK', topic: TOPIC }],
    });
    expect(channel.exclusive).toBe(true);
    const health = await request(rt.app.callback()).get('/healthz');
    expect(health.body.channels.dingtalk).toMatchObject({
      state: 'connected',
      ok: true,
      detail: { mode: 'stream', reconnects: 0 },
    });
    const metrics = await request(rt.app.callback()).get('/metrics');
    expect(metrics.text).toContain('zhibu_dingtalk_stream_connected 1');
    expect(metrics.text).toContain('zhibu_dingtalk_month_quota{kind="push"} 3000');
  });

  test('a CALLBACK frame is persisted, then acknowledged in the documented format, then handled', async () => {
    const frame = fixture('stream-frame');
    send(frame);
    await waitFor(() => acks(frame.headers.messageId).length > 0, 'ack');
    expect(acks(frame.headers.messageId)[0]).toEqual({
      code: 200,
      headers: { contentType: 'application/json', messageId: frame.headers.messageId },
      message: 'OK',
      data: JSON.stringify({ response: null }),
    });
    expect(await rt.services.store.inbox.count()).toBe(1);
    await settle();
    // The reply went to the message's sessionWebhook, rebased on the fake.
    expect(fake.callsTo('/robot/sendBySession')[0].query.session).toBe('sess-group-0001');
    const metrics = await request(rt.app.callback()).get('/metrics');
    expect(metrics.text).toMatch(/zhibu_dingtalk_month_calls\{kind="push"\} 2/);
  });

  test("a frame that cannot be stored is not acknowledged, so DingTalk's redelivery is the retry", async () => {
    const inbox = rt.services.store.inbox;
    const accept = inbox.accept.bind(inbox);
    let failOnce = true;
    inbox.accept = async (...args) => {
      if (failOnce) {
        failOnce = false;
        throw new Error('disk full');
      }
      return accept(...args);
    };
    const data = groupText('staff_x', '甲', '帮助', 'msgStoreFail');
    const first = callbackFrame(data);
    send(first);
    const second = callbackFrame(data);
    send(second);
    await waitFor(() => acks(second.headers.messageId).length > 0, 'the redelivery ack');
    expect(acks(first.headers.messageId)).toEqual([]);
    expect(await inbox.count()).toBe(1);
    await settle();
  });

  test('SYSTEM ping is answered with its data; malformed frames are acknowledged and dropped', async () => {
    const ping = systemFrame('ping', { opaque: 'abc-123' });
    send(ping);
    await waitFor(() => acks(ping.headers.messageId).length > 0, 'pong');
    expect(acks(ping.headers.messageId)[0]).toMatchObject({ code: 200, data: JSON.stringify({ opaque: 'abc-123' }) });
    const bad = { ...callbackFrame({}), data: '{not json' };
    send(bad);
    const noId = callbackFrame({ ...fixture('text-group'), msgId: '' });
    send(noId);
    await waitFor(
      () => acks(bad.headers.messageId).length && acks(noId.headers.messageId).length,
      'acks of malformed frames',
    );
    fake.socket!.send('not even a frame');
    const after = callbackFrame(groupText('staff_x', '甲', '帮助', 'msgAfterGarbage'));
    send(after);
    await waitFor(() => acks(after.headers.messageId).length > 0, 'the connection to survive garbage');
    expect(await rt.services.store.inbox.count()).toBe(1);
    await settle();
  });

  test('a redelivered frame (same msgId ≈60 s later) adds points once', async () => {
    await deliver(groupText('staff_admin', '管理员', '绑定支部 广州流动党支部 流入', 'm1'));
    await deliver(groupText('staff_zhangsan', '张三', '报到 张三 广东广州', 'm2'));
    await deliver(
      groupText(
        'staff_admin',
        '管理员',
        '发布任务 学习党章\n截止：2026-12-07 18:00\n分值：10\n证明：文字\n字数：10',
        'm3',
      ),
    );
    const proof = groupText('staff_zhangsan', '张三', '#1 今天认真学习了党章第一章，体会很深刻。', 'msgProofStream');
    const firstFrame = await deliver(proof);
    rt.clock.advance(60_000);
    const secondFrame = await deliver(proof);
    expect(acks(firstFrame)).toHaveLength(1);
    expect(acks(secondFrame)).toHaveLength(1);
    const [member] = await rt.services.store.members.findByName('张三');
    expect((await rt.services.store.ledger.listByMember(member.id)).map((e) => e.delta)).toEqual([10]);
    expect(fake.callsTo('/robot/sendBySession').filter((c) => c.body.text.content.includes('已收到 #1'))).toHaveLength(
      1,
    );
  });

  test('SYSTEM disconnect: the watch reconnects with a new ticket and counts it', async () => {
    const oldSocket = fake.socket!;
    send(systemFrame('disconnect', { reason: 'connection is expired' }));
    await waitFor(() => !client().connected, 'the SDK to mark the connection down');
    await supervisor().check();
    await connected();
    expect(fake.socket).not.toBe(oldSocket);
    expect(fake.callsTo('/v1.0/gateway/connections/open')).toHaveLength(2);
    expect(supervisor().reconnects).toBe(1);
    expect((await request(rt.app.callback()).get('/metrics')).text).toContain(
      'zhibu_dingtalk_stream_reconnects_total 1',
    );
    const after = callbackFrame(groupText('staff_x', '甲', '帮助', 'msgAfterReconnect'));
    send(after);
    await waitFor(() => acks(after.headers.messageId).length > 0, 'frames on the new socket');
    await settle();
  });

  test('a socket silent for longer than the limit is dropped and replaced (injected clock, no waiting)', async () => {
    await supervisor().check();
    expect(fake.callsTo('/v1.0/gateway/connections/open')).toHaveLength(1);
    rt.clock.advance(61_000);
    await supervisor().check();
    await connected();
    expect(fake.callsTo('/v1.0/gateway/connections/open')).toHaveLength(2);
    expect(fake.sockets[0].readyState).not.toBe(fake.sockets[0].OPEN);
  });

  test('a gateway that refuses is retried with backoff, and /healthz reports degraded meanwhile', async () => {
    fake.script('/v1.0/gateway/connections/open', {
      status: 503,
      body: { code: 'ServiceUnavailable', message: 'busy' },
    });
    fake.socket!.terminate();
    await waitFor(() => !client().connected, 'the socket to close');
    await supervisor().check();
    expect(supervisor().state).toBe('reconnecting');
    const health = await request(rt.app.callback()).get('/healthz');
    expect(health.body).toMatchObject({
      status: 'degraded',
      channels: { dingtalk: { ok: false, state: 'reconnecting' } },
    });
    await supervisor().check();
    expect(fake.callsTo('/v1.0/gateway/connections/open')).toHaveLength(2); // still inside the 1 s backoff
    rt.clock.advance(1_300);
    await supervisor().check();
    await connected();
    expect(fake.callsTo('/v1.0/gateway/connections/open')).toHaveLength(3);
  });

  test('stop closes the socket and the supervisor stays down', async () => {
    const socket = fake.socket!;
    await channel.stop!();
    await waitFor(() => socket.readyState === socket.CLOSED, 'the socket to close');
    await supervisor().check();
    expect(supervisor().state).toBe('stopped');
    expect(fake.callsTo('/v1.0/gateway/connections/open')).toHaveLength(1);
  });
});
