import type { OutboxItem } from '../../../src/outbox/outbox-types';
import { cleanupTempDirs } from '../../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../../helpers/test-runtime';
import { FakeWecomApi } from './helpers/fake-wecom-api';
import { waitUntil } from './helpers/wait-until';
import { aibotFixture, botEnv } from './helpers/wecom-env';
import { openBotReply, postBot } from './helpers/wecom-requests';

describe("AI bot HTTP callback: the handler's reply and the request's own response", () => {
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

  const payload = (msgid: string) => ({
    ...aibotFixture('text-single', { API: api.base }),
    msgid,
    response_url: `${api.base}/aibot/response/${msgid}`,
  });

  async function itemsAnswering(msgid: string): Promise<OutboxItem[]> {
    const found: OutboxItem[] = [];
    for (let id = 1; id < 100; id++) {
      const item = await rt.services.store.outbox.get(id);
      if (item?.replyHint?.responseUrl === `${api.base}/aibot/response/${msgid}`) found.push(item);
    }
    return found;
  }

  test("a reply ready within the window rides in that request's response and is marked sent; response_url stays unused", async () => {
    const res = await postBot(rt.app, payload('in-window'));
    expect(res.status).toBe(200);
    expect(openBotReply(res.body)).toMatchObject({ msgtype: 'stream', stream: { id: 'zbin-window', finish: true } });
    await waitUntil(async () => (await itemsAnswering('in-window')).every((i) => i.status === 'sent'));
    expect((await itemsAnswering('in-window')).length).toBeGreaterThan(0);
    expect(api.calls('/aibot/response/in-window')).toHaveLength(0);
  });

  test('a reply that comes after the window goes out through the outbox (response_url), the response being an empty ack', async () => {
    // Hold the outbox until the callback has answered, so the reply can only come after its window.
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
      const res = await postBot(rt.app, payload('too-late'));
      expect(res.status).toBe(200);
      expect(res.text).toBe('');
      open();
      await waitUntil(() => api.calls('/aibot/response/too-late').length === 1);
      await rt.outbox.drainOnce();
      expect((await itemsAnswering('too-late')).map((i) => i.status)).toEqual(['sent']);
    } finally {
      open();
      repo.claimDue = claimDue;
    }
  });
});
