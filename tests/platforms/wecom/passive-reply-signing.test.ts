import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { OutboxItem } from '../../../src/outbox/outbox-types';
import { cleanupTempDirs } from '../../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../../helpers/test-runtime';
import { FakeWecomApi } from './helpers/fake-wecom-api';
import { refDecrypt, refEncrypt, refSign } from './helpers/reference-cipher';
import { waitUntil } from './helpers/wait-until';
import { aibotFixture, botEnv, BOT } from './helpers/wecom-env';
import { postBot } from './helpers/wecom-requests';

describe("AI bot passive replies: signed with the callback's nonce, and never marked sent when lost", () => {
  let api: FakeWecomApi;
  let rt: TestRuntime;

  beforeAll(async () => {
    api = await new FakeWecomApi().start();
    rt = await testRuntime(botEnv(api.base));
  });
  afterAll(async () => {
    await rt.stop();
    await api.stop();
    cleanupTempDirs();
  });

  test("the reply carries the request's timestamp and nonce, and node:crypto verifies and decrypts it with them", async () => {
    const payload = { ...aibotFixture('text-single', { API: api.base }), msgid: 'sig-1' };
    const res = await postBot(rt.app, payload, { nonce: '1372623149' });
    expect(res.status).toBe(200);
    const body = res.body as { encrypt: string; msgsignature: string; timestamp: string; nonce: string };
    expect(body.nonce).toBe('1372623149');
    expect(body.timestamp).toBe('1764554400');
    // Recomputed from the request's own values, not from whatever the reply claims.
    expect(refSign(BOT.token, '1764554400', '1372623149', body.encrypt)).toBe(body.msgsignature);
    const opened = refDecrypt(BOT.aesKey, body.encrypt);
    expect(opened.receiveId).toBe('');
    expect(JSON.parse(opened.message)).toMatchObject({ msgtype: 'stream', stream: { finish: true } });
  });

  test('a reply whose callback connection is gone is not marked sent: it goes out through response_url instead', async () => {
    const server = http.createServer(rt.app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const serverSockets: Socket[] = [];
    server.on('connection', (s) => serverSockets.push(s));
    // Hold the outbox so the reply is produced only after WeCom (here: the client) has hung up.
    const repo = rt.services.store.outbox;
    const claimDue = repo.claimDue.bind(repo);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    repo.claimDue = async (...args) => {
      await gate;
      return claimDue(...args);
    };
    try {
      const payload = {
        ...aibotFixture('text-single', { API: api.base }),
        msgid: 'lost-1',
        response_url: `${api.base}/aibot/response/lost-1`,
      };
      const encrypt = refEncrypt(BOT.aesKey, JSON.stringify(payload), '');
      const sig = refSign(BOT.token, '1764554400', '555', encrypt);
      const before = await rt.services.store.inbox.count();
      const client = http.request({
        host: '127.0.0.1',
        port: (server.address() as AddressInfo).port,
        method: 'POST',
        path: `/wecom/bot?msg_signature=${sig}&timestamp=1764554400&nonce=555`,
        headers: { 'content-type': 'application/json' },
      });
      client.on('error', () => undefined);
      client.end(JSON.stringify({ encrypt }));
      await waitUntil(async () => (await rt.services.store.inbox.count()) > before);
      client.destroy();
      await waitUntil(() => serverSockets.length > 0 && serverSockets.every((s) => s.destroyed));
      open();
      await waitUntil(() => api.calls('/aibot/response/lost-1').length === 1);
      await rt.outbox.drainOnce();
      const sent: OutboxItem[] = [];
      for (let id = 1; id < 50; id++) {
        const item = await repo.get(id);
        if (item?.replyHint?.responseUrl === `${api.base}/aibot/response/lost-1`) sent.push(item);
      }
      expect(sent.map((i) => i.status)).toEqual(['sent']);
    } finally {
      open();
      repo.claimDue = claimDue;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
