import http from 'node:http';
import net from 'node:net';
import request from 'supertest';
import { parseFlatXml } from '../../src/platforms/wecom/flat-xml';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { APP, BOT } from '../platforms/wecom/helpers/wecom-env';
import { refEncrypt, signedQuery } from '../platforms/wecom/helpers/reference-cipher';

/** What a stranger can send without any secret: big bodies shaped to make a careless parser work hard. */
const HOSTILE = '<xml>'.repeat((256 * 1024) / 5);

describe('unauthenticated hostile bodies on the callback routes', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime({
      WECOM_CORP_ID: APP.corpId,
      WECOM_APP_TOKEN: APP.token,
      WECOM_APP_AES_KEY: APP.aesKey,
      WECOM_BOT_TOKEN: BOT.token,
      WECOM_BOT_AES_KEY: BOT.aesKey,
      DINGTALK_CLIENT_ID: 'app',
      DINGTALK_CLIENT_SECRET: 'secret',
      DINGTALK_MODE: 'http',
      ZHIBU_ADMINS: 'wecom:admin',
    });
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  const post = (path: string, body: string, type = 'text/xml') =>
    request(rt.app.callback()).post(path).set('content-type', type).send(body);

  test.each([
    ['/wecom/app?msg_signature=x&timestamp=1&nonce=1', 'text/xml'],
    ['/wecom/bot?msg_signature=x&timestamp=1&nonce=1', 'application/json'],
    ['/dingtalk/callback', 'application/json'],
  ])('256 KB of repeated <xml> to %s is refused and stores nothing', async (path, type) => {
    const res = await post(path, HOSTILE, type);
    expect([400, 401, 413]).toContain(res.status);
    expect(await rt.services.store.inbox.count()).toBe(0);
  });

  test('an app callback bigger than the cap is 413 before anything is parsed, even with a good signature', async () => {
    const encrypt = refEncrypt(
      APP.aesKey,
      `<xml><FromUserName>u</FromUserName><MsgType>text</MsgType><Content>${'长'.repeat(40_000)}</Content><MsgId>1</MsgId></xml>`,
      APP.corpId,
    );
    const res = await post(
      `/wecom/app?${signedQuery(APP.token, encrypt)}`,
      `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
    );
    expect(res.status).toBe(413);
    expect(await rt.services.store.inbox.count()).toBe(0);
  });

  test('a DingTalk callback bigger than the cap is 413 even when signed', async () => {
    const { createHmac } = await import('node:crypto');
    const timestamp = String(rt.clock.now().getTime());
    const sign = createHmac('sha256', 'secret').update(`${timestamp}\nsecret`).digest('base64');
    const res = await request(rt.app.callback())
      .post('/dingtalk/callback')
      .set({ timestamp, sign, 'content-type': 'application/json' })
      .send(JSON.stringify({ msgId: 'm', pad: 'x'.repeat(300 * 1024) }));
    expect(res.status).toBe(413);
    expect(await rt.services.store.inbox.count()).toBe(0);
  });

  /**
   * Over a real socket, the headers announce 256 KB but only the first KB is sent and the connection stays open: the
   * answer can only come from the headers. A route that read the body first would wait for the rest until the server's
   * request timeout, and then the answer is 408.
   */
  async function answerToAnnouncedBody(path: string, headers: Record<string, string>): Promise<string> {
    const server = http.createServer({ requestTimeout: 5_000, connectionsCheckingInterval: 250 }, rt.app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const socket = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
    try {
      const head = Object.entries({ host: '127.0.0.1', 'content-length': String(HOSTILE.length), ...headers })
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('');
      socket.write(`POST ${path} HTTP/1.1\r\n${head}\r\n${HOSTILE.slice(0, 1024)}`);
      return await new Promise<string>((resolve, reject) => {
        socket.once('data', (d) => resolve(d.toString('latin1').split('\r\n')[0]));
        socket.once('error', reject);
        socket.once('close', () => reject(new Error('closed without an answer')));
      });
    } finally {
      socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  }

  test('a 256 KB body is refused with 413 from its content-length, before it is read, on every callback route', async () => {
    const { createHmac } = await import('node:crypto');
    const timestamp = String(rt.clock.now().getTime());
    const sign = createHmac('sha256', 'secret').update(`${timestamp}\nsecret`).digest('base64');
    expect(
      await answerToAnnouncedBody('/wecom/app?msg_signature=x&timestamp=1&nonce=1', { 'content-type': 'text/xml' }),
    ).toBe('HTTP/1.1 413 Payload Too Large');
    expect(
      await answerToAnnouncedBody('/wecom/bot?msg_signature=x&timestamp=1&nonce=1', {
        'content-type': 'application/json',
      }),
    ).toBe('HTTP/1.1 413 Payload Too Large');
    expect(
      await answerToAnnouncedBody('/dingtalk/callback', { 'content-type': 'application/json', timestamp, sign }),
    ).toBe('HTTP/1.1 413 Payload Too Large');
    expect(await rt.services.store.inbox.count()).toBe(0);
  });
});

describe('flat XML reader on hostile input', () => {
  test('repeated openers, unclosed CDATA and nested containers are read in one pass, without throwing on what is well formed', () => {
    expect(() => parseFlatXml(HOSTILE)).toThrow(SyntaxError);
    expect(() => parseFlatXml(`<xml><A><![CDATA[${'x'.repeat(100_000)}</A></xml>`)).toThrow(SyntaxError);
    expect(() => parseFlatXml(`<xml>${'<A>'.repeat(50_000)}</xml>`)).not.toThrow();
    const f = parseFlatXml(
      '<xml><Info><Count>1</Count><Item><![CDATA[a]]]]><![CDATA[>b]]></Item></Info><Count>2</Count></xml>',
    );
    expect(f.get('Count')).toBe('1');
    expect(f.get('Item')).toBe('a]]>b');
    expect(f.has('Info')).toBe(false);
  });
});
