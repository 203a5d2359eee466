import crypto from 'node:crypto';
import request from 'supertest';
import { cleanupTempDirs } from '../../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../../helpers/test-runtime';
import { FakeWecomApi } from './helpers/fake-wecom-api';
import { A, B } from './helpers/official-vectors';
import { refDecrypt, refEncrypt, refSign, signedQuery } from './helpers/reference-cipher';
import { APP, appEnv, appFixture } from './helpers/wecom-env';
import { openAppReply, postApp } from './helpers/wecom-requests';

describe('self-built app callback with the official vectors (GET|POST /wecom/app)', () => {
  test.each([
    ['A', A],
    ['B', B],
  ] as const)('vector %s: URL verification and the official POST are accepted; the XML reply opens', async (_, v) => {
    const rt = await testRuntime({
      WECOM_CORP_ID: v.corpId,
      WECOM_APP_TOKEN: v.token,
      WECOM_APP_AES_KEY: v.aesKey,
      ZHIBU_ADMINS: 'sim:u_admin',
      WECOM_REPLY_WAIT_MS: '900',
    });
    const get = await request(rt.app.callback()).get(
      `/wecom/app?msg_signature=${v.get.sig}&timestamp=${v.get.ts}&nonce=${v.get.nonce}&echostr=${encodeURIComponent(v.get.echostr)}`,
    );
    expect(get.status).toBe(200);
    expect(get.text).toBe(v.get.plain);
    // The first question after start builds the knowledge-base index (200 ms quiet, past the 900 ms reply window on a
    // loaded machine); this test is about the vectors, so a question asked first pays for it.
    await rt.say('u_admin', 'warm-up', '医保怎么报销');
    const inboxBefore = await rt.services.store.inbox.count();
    const body = `<xml><ToUserName><![CDATA[${v.corpId}]]></ToUserName><Encrypt><![CDATA[${v.post.encrypt}]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>`;
    const post = await request(rt.app.callback())
      .post(`/wecom/app?msg_signature=${v.post.sig}&timestamp=${v.post.ts}&nonce=${v.post.nonce}`)
      .set('content-type', 'text/xml')
      .send(body);
    expect(post.status).toBe(200);
    const reply = openRaw(post.text, v);
    expect(reply).toMatch(/<MsgType><!\[CDATA\[text\]\]><\/MsgType>/);
    // The vectors' text is no command: the bot's text answer (hint or Q&A decline) came back sealed.
    expect(reply).toMatch(/没有听懂|帮不上忙/);
    expect(await rt.services.store.inbox.count()).toBe(inboxBefore + 1);
    await rt.stop();
  });

  /** Opens an XML reply sealed with a vector's credentials (openAppReply uses the test app's). */
  function openRaw(xml: string, v: typeof A | typeof B): string {
    const pick = (n: string) =>
      new RegExp(`<${n}>(?:<!\\[CDATA\\[(.*?)\\]\\]>|([^<]*))</${n}>`, 's')
        .exec(xml)!
        .slice(1)
        .find((x) => x !== undefined)!;
    expect(refSign(v.token, pick('TimeStamp'), pick('Nonce'), pick('Encrypt'))).toBe(pick('MsgSignature'));
    const out = refDecrypt(v.aesKey, pick('Encrypt'));
    expect(out.receiveId).toBe(v.corpId);
    return out.message;
  }
  afterAll(cleanupTempDirs);
});

describe('self-built app: 1:1 messages, replies, message/send, media/get and the token cache', () => {
  let api: FakeWecomApi;
  let rt: TestRuntime;
  const PNG = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );

  beforeAll(async () => {
    api = await new FakeWecomApi(() => rt.clock.now().getTime()).start();
    rt = await testRuntime(appEnv(api.base));
  });
  afterAll(async () => {
    await rt.stop();
    await api.stop();
    cleanupTempDirs();
  });

  test('a text message gets a passive encrypted XML text reply addressed to the member', async () => {
    const res = await postApp(rt.app, appFixture('text'));
    expect(res.status).toBe(200);
    const reply = openAppReply(res.text);
    expect(reply).toContain('<ToUserName><![CDATA[zhangsan]]></ToUserName>');
    expect(reply).toContain(`<FromUserName><![CDATA[${APP.corpId}]]></FromUserName>`);
    expect(reply).toContain('还没有报到');
  });

  test('every message type is normalized; link text keeps its URL, location its label', async () => {
    for (const name of ['image', 'voice', 'video', 'file', 'link', 'location']) {
      expect((await postApp(rt.app, appFixture(name))).status).toBe(200);
    }
    await rt.bot.settled();
    const rows = await rt.services.store.chatLog.list('wecom', 'zhangsan');
    const said = rows.filter((r) => r.from === 'zhangsan').map((r) => r.text);
    expect(said).toEqual(
      expect.arrayContaining([
        '[图片]',
        '[语音]',
        '[视频]',
        '[文件]',
        '学习强国：党章学习\n第一章 党员\nhttps://www.xuexi.cn/lgpage/detail/index.html?id=123',
        '[位置] 广州市天河区 (23.134521, 113.358803)',
      ]),
    );
  });

  test('a retried callback is one message; enter_agent is welcomed once; bad signature 401, wrong CorpID 400', async () => {
    const before = await rt.services.store.inbox.count();
    expect((await postApp(rt.app, appFixture('text'))).text).toBe('');
    expect(await rt.services.store.inbox.count()).toBe(before);
    expect(openAppReply((await postApp(rt.app, appFixture('event-enter-agent'))).text)).toContain('支部机器人');
    expect((await postApp(rt.app, appFixture('event-enter-agent'))).text).toBe('');
    const afterEvents = await rt.services.store.inbox.count();
    const sentBefore = api.requests.length;
    expect(
      (await postApp(rt.app, appFixture('text').replace('7464351245435843001', '1'), { token: 'wrong' })).status,
    ).toBe(401);
    expect(
      (await postApp(rt.app, appFixture('text').replace('7464351245435843001', '2'), { corpId: 'wwSOMEONEELSE' }))
        .status,
    ).toBe(400);
    const enc = refEncrypt(APP.aesKey, 'x', APP.corpId);
    const noEncrypt = await request(rt.app.callback())
      .post(`/wecom/app?${signedQuery(APP.token, enc)}`)
      .set('content-type', 'text/xml')
      .send('<xml><Nothing/></xml>');
    expect(noEncrypt.status).toBe(400);
    expect(await rt.services.store.inbox.count()).toBe(afterEvents);
    await rt.bot.settled();
    await rt.outbox.drainOnce();
    expect(api.requests.length).toBe(sentBefore);
  });

  test('a private message goes out with message/send; one token serves many sends and is refetched on 42001', async () => {
    const send = (text: string) =>
      rt.services.outbox.enqueue({ target: { platform: 'wecom', chatId: 'zhangsan', chatType: 'single' }, text });
    await send('提醒一');
    await send('提醒二');
    await rt.outbox.drainOnce();
    expect(api.calls('/cgi-bin/gettoken')).toHaveLength(1);
    expect(api.calls('/cgi-bin/message/send').map((c) => c.body)).toEqual([
      expect.objectContaining({ touser: 'zhangsan', msgtype: 'text', agentid: 1000002, text: { content: '提醒一' } }),
      expect.objectContaining({ text: { content: '提醒二' } }),
    ]);
    api.expireToken();
    await send('提醒三');
    await rt.outbox.drainOnce();
    expect(api.calls('/cgi-bin/gettoken')).toHaveLength(2);
    expect(api.calls('/cgi-bin/message/send').at(-1)!.body.text.content).toBe('提醒三');
  });

  test('the token is refreshed before it expires (7200 s minus a margin), not after', async () => {
    const fetches = api.calls('/cgi-bin/gettoken').length;
    rt.clock.advance(6000 * 1000);
    await rt.services.outbox.enqueue({
      target: { platform: 'wecom', chatId: 'zhangsan', chatType: 'single' },
      text: '还在有效期内',
    });
    await rt.outbox.drainOnce();
    expect(api.calls('/cgi-bin/gettoken')).toHaveLength(fetches);
    rt.clock.advance(1000 * 1000);
    await rt.services.outbox.enqueue({
      target: { platform: 'wecom', chatId: 'zhangsan', chatType: 'single' },
      text: '提前刷新',
    });
    await rt.outbox.drainOnce();
    expect(api.calls('/cgi-bin/gettoken')).toHaveLength(fetches + 1);
  });

  test('image proof is fetched with media/get (refetching the token on 40014) and stored content-addressed', async () => {
    const { store } = rt.services;
    const now = rt.clock.now();
    const branch = await store.branches.create({ name: '青山村党支部', kind: 'home' }, now);
    const member = await store.members.create({ name: '张三', homeBranchId: branch.id }, now);
    await store.identities.bind({ platform: 'wecom', userId: 'zhangsan', memberId: member.id });
    const deadline = new Date(now.getTime() + 86_400_000).toISOString();
    const task = await store.tasks.create(
      {
        branchId: branch.id,
        title: '学习',
        content: '',
        deadline,
        points: 5,
        proofKinds: ['image'],
        minChars: 0,
        lateRule: 'full',
        createdBy: 'test',
      },
      now,
    );
    api.media.set('media-photo-9', { bytes: PNG, type: 'image/png', filename: 'photo.png' });
    api.expireToken();
    const res = await postApp(
      rt.app,
      appFixture('image')
        .replace('media-photo-3', 'media-photo-9')
        .replace('7464351245435843002', '7464351245435849999'),
    );
    expect(openAppReply(res.text)).toContain(`已收到 #${task.id}`);
    const sha = crypto.createHash('sha256').update(PNG).digest('hex');
    expect((await store.blobs.get(sha))?.ext).toBe('png');
    expect((await store.submissions.find(task.id, member.id))?.media).toEqual([{ sha256: sha, kind: 'image' }]);
    expect(api.calls('/cgi-bin/media/get').at(-1)!.query.media_id).toBe('media-photo-9');
  });
});
