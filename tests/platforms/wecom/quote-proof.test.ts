import crypto from 'node:crypto';
import type { SentFrame } from './helpers/fake-aibot-server';
import { FakeAibotServer } from './helpers/fake-aibot-server';
import { FakeWecomApi } from './helpers/fake-wecom-api';
import { refEncryptMedia } from './helpers/reference-cipher';
import { aibotFixture, attachWs, MEDIA_AESKEY } from './helpers/wecom-env';
import type { AibotWsChannel } from '../../../src/platforms/wecom/aibot-ws-channel';
import { cleanupTempDirs } from '../../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../../helpers/test-runtime';
import type { WireJson } from '../../helpers/wire-json';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('WeCom: a quoted image or file is proof for the task named in the message', () => {
  let api: FakeWecomApi;
  let server: FakeAibotServer;
  let rt: TestRuntime;
  let ws: AibotWsChannel;
  let seq = 0;

  async function say(userId: string, text: string, extra: Record<string, unknown> = {}): Promise<SentFrame> {
    const frame: Record<string, WireJson> = {
      ...aibotFixture('text-group', { API: api.base }),
      msgid: `q-${++seq}`,
      from: { userid: userId },
      text: { content: `@支部机器人 ${text}` },
      ...extra,
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
    await say('admin', '绑定支部 青山村党支部 流出');
    await say('wangshuji', '报到 王书记 广东广州');
    await say('admin', '设为书记 王书记');
    await say('wangshuji', '发布任务 学习党章\n截止：2026-12-07 18:00\n分值：10\n证明：图片');
    await say('lisi', '报到 李四 广东佛山');
    await say('zhaoliu', '报到 赵六 广东深圳');
  });
  afterAll(async () => {
    await ws.stop!();
    await rt.stop();
    await server.stop();
    await api.stop();
    cleanupTempDirs();
  });

  test('"@bot #1" quoting one\'s photo: the photo is downloaded, decrypted and counted, points awarded', async () => {
    api.media.set('quoted-photo', { bytes: refEncryptMedia(PNG, MEDIA_AESKEY), type: 'application/octet-stream' });
    const quote = { msgtype: 'image', image: { url: `${api.base}/aibot/media/quoted-photo`, aeskey: MEDIA_AESKEY } };
    const reply = await say('lisi', '#1', { quote });
    expect(reply.body.stream.content).toContain('+10 分');
    const sha = crypto.createHash('sha256').update(PNG).digest('hex');
    expect((await rt.services.store.blobs.get(sha))?.bytes.equals(PNG)).toBe(true);
  });

  test('a quoted file counts the same way', async () => {
    const pdf = Buffer.from('%PDF-1.4 学习心得 quoted');
    api.media.set('quoted-file', {
      bytes: refEncryptMedia(pdf, MEDIA_AESKEY),
      type: 'application/octet-stream',
      filename: 'xinde.pdf',
    });
    const quote = { msgtype: 'file', file: { url: `${api.base}/aibot/media/quoted-file`, aeskey: MEDIA_AESKEY } };
    await say('zhaoliu', '#1', { quote });
    expect(await rt.services.store.blobs.has(crypto.createHash('sha256').update(pdf).digest('hex'))).toBe(true);
  });
});
