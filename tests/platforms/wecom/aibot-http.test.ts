import request from 'supertest';
import { cleanupTempDirs } from '../../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../../helpers/test-runtime';
import { FakeWecomApi } from './helpers/fake-wecom-api';
import { refEncrypt, signedQuery } from './helpers/reference-cipher';
import { aibotFixture, botEnv, BOT } from './helpers/wecom-env';
import { openBotReply, postBot } from './helpers/wecom-requests';

describe('AI bot HTTP callback: GET|POST /wecom/bot', () => {
  let api: FakeWecomApi;
  let rt: TestRuntime;
  const inbox = () => rt.services.store.inbox.count();

  beforeAll(async () => {
    api = await new FakeWecomApi().start();
    rt = await testRuntime(botEnv(api.base));
  });
  afterAll(async () => {
    await rt.stop();
    await api.stop();
    cleanupTempDirs();
  });

  test('URL verification returns exactly the decrypted echostr as text/plain', async () => {
    const echostr = refEncrypt(BOT.aesKey, '8203718362791024561', '');
    const res = await request(rt.app.callback()).get(
      `/wecom/bot?${signedQuery(BOT.token, echostr)}&echostr=${encodeURIComponent(echostr)}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toBe('8203718362791024561');
  });

  test('URL verification with a bad signature, or a "+" the proxy left un-encoded, is 401', async () => {
    let echostr = refEncrypt(BOT.aesKey, 'x', '');
    for (let i = 0; !echostr.includes('+'); i++) echostr = refEncrypt(BOT.aesKey, `x${i}`, '');
    const q = signedQuery(BOT.token, echostr);
    expect((await request(rt.app.callback()).get(`/wecom/bot?${q}&echostr=${echostr}`)).status).toBe(401);
    const bad = signedQuery('wrong-token', echostr);
    expect(
      (await request(rt.app.callback()).get(`/wecom/bot?${bad}&echostr=${encodeURIComponent(echostr)}`)).status,
    ).toBe(401);
  });

  test("a group message is acked with the handler's answer as an encrypted stream the reference implementation opens", async () => {
    const payload = aibotFixture('text-group', { API: api.base });
    payload.msgid = 'bind-1';
    payload.from.userid = 'admin';
    payload.text.content = '@支部机器人\u2005绑定支部 青山村党支部 流出';
    const res = await postBot(rt.app, payload);
    expect(res.status).toBe(200);
    const reply = openBotReply(res.body);
    expect(reply.msgtype).toBe('stream');
    expect(reply.stream.finish).toBe(true);
    expect(reply.stream.content).toContain('本群已绑定「青山村党支部」');
    expect(api.calls('/aibot/response/text-group')).toHaveLength(0);
    expect((await rt.services.store.chats.get('wecom', 'wrkSFfCgAAgroup01'))?.branchId).toBeDefined();
  });

  test('a retried callback (WeCom retries 3 times) is stored once and answered once', async () => {
    const payload = aibotFixture('text-group', { API: api.base });
    const first = await postBot(rt.app, payload);
    expect(openBotReply(first.body).stream.content).toContain('报到成功');
    const before = await inbox();
    for (let i = 0; i < 3; i++) {
      const again = await postBot(rt.app, payload);
      expect(again.status).toBe(200);
      expect(again.text).toBe('');
    }
    await rt.bot.settled();
    expect(await inbox()).toBe(before);
    expect(await rt.services.store.members.findByName('张三')).toHaveLength(1);
  });

  test('a tampered signature is 401, nothing stored and nothing sent', async () => {
    const before = await inbox();
    const res = await postBot(rt.app, aibotFixture('text-single', { API: api.base }), { token: 'not-the-token' });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('SIGNATURE_MISMATCH');
    expect(await inbox()).toBe(before);
    expect(api.requests).toHaveLength(0);
  });

  test('malformed bodies and a wrong key are 400 with nothing stored', async () => {
    const before = await inbox();
    const post = (body: string, query = signedQuery(BOT.token, 'x')) =>
      request(rt.app.callback()).post(`/wecom/bot?${query}`).set('content-type', 'application/json').send(body);
    expect((await post('not json')).status).toBe(400);
    expect((await post('{"nothing":1}')).status).toBe(400);
    // Signed with the right token but encrypted with another key: the signature passes, decryption yields garbage.
    expect(
      (
        await postBot(rt.app, aibotFixture('text-single', { API: api.base }), {
          aesKey: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
        })
      ).status,
    ).toBe(400);
    const notJson = refEncrypt(BOT.aesKey, '{"msgid": oops', '');
    expect((await post(JSON.stringify({ encrypt: notJson }), signedQuery(BOT.token, notJson))).status).toBe(400);
    const noSender = { ...aibotFixture('text-single', { API: api.base }), from: {} };
    expect((await postBot(rt.app, noSender)).status).toBe(400);
    const huge = await post(JSON.stringify({ encrypt: 'A'.repeat(1_100_000) }));
    expect(huge.status).toBe(413);
    expect(await inbox()).toBe(before);
    expect(api.requests).toHaveLength(0);
  });

  test('enter_chat gets the welcome as an encrypted text reply, once', async () => {
    const event = aibotFixture('event-enter-chat');
    const first = openBotReply((await postBot(rt.app, event)).body);
    expect(first).toEqual({ msgtype: 'text', text: { content: expect.stringContaining('支部机器人') } });
    expect((await postBot(rt.app, event)).text).toBe('');
  });

  test('stream refresh polls and unknown message types are acknowledged with an empty 200', async () => {
    expect((await postBot(rt.app, aibotFixture('stream-refresh'))).text).toBe('');
    const future = { ...aibotFixture('text-single', { API: api.base }), msgid: 'future-1', msgtype: 'hologram' };
    const res = await postBot(rt.app, future);
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
  });

  test('/healthz lists the WeCom channels', async () => {
    const res = await request(rt.app.callback()).get('/healthz');
    expect(res.body.channels['wecom-aibot-http']).toEqual({ state: 'enabled', ok: true });
    expect(res.body.channels.wecom.detail).toMatchObject({ botCallback: true, ws: false });
  });
});
