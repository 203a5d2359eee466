import { createRouter } from '../../handlers';
import { Context } from '../../src/bot/context';
import { loadChat } from '../../src/bot/load-context';
import type { IncomingMessage } from '../../src/bot/incoming-message';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { seedBranches, testRuntime, type TestRuntime } from '../helpers/test-runtime';

/** Handling one message twice (a crash after its work, before it was marked done) creates nothing new. */
describe('re-handling 报到 and 绑定码 messages', () => {
  let rt: TestRuntime;
  const router = createRouter();
  const message = (userId: string, chatId: string, text: string, msgId: string): IncomingMessage => ({
    platform: 'sim',
    msgId,
    chatId,
    chatType: chatId === userId ? 'single' : 'group',
    userId,
    userName: userId,
    text,
    media: [],
    receivedAt: rt.clock.now().toISOString(),
  });
  async function handleTwice(m: IncomingMessage): Promise<string[][]> {
    const out: string[][] = [];
    for (let i = 0; i < 2; i++) {
      const ctx = new Context(m, rt.services, await loadChat(rt.services.store, m, rt.clock.now()));
      await router(ctx, async () => undefined);
      out.push(ctx.replies.map((r) => r.text));
    }
    return out;
  }

  beforeEach(async () => {
    rt = await testRuntime();
    await seedBranches(rt);
  });
  afterEach(async () => {
    await rt.stop();
  });
  afterAll(() => cleanupTempDirs());

  test('a same-name 报到 handled twice keeps one pending check-in and sends the same answers', async () => {
    const [first, second] = await handleTwice(message('u_other', 'g_home', '报到 王书记 广东广州', 'm-dup-1'));
    expect(second).toEqual(first);
    expect(await rt.services.store.identityProofs.getPending(1)).toMatchObject({
      sourceKey: 'sim:m-dup-1',
      status: 'pending',
    });
    expect(await rt.services.store.identityProofs.getPending(2)).toBeUndefined();
  });

  test('a 绑定码 request handled twice stores one code and both answers carry the same code', async () => {
    const [first, second] = await handleTwice(message('u_sec', 'u_sec', '绑定码', 'm-dup-2'));
    expect(second).toEqual(first);
    const db = (rt.services.store as unknown as { db: { prepare(s: string): { all(): unknown[] } } }).db;
    expect(db.prepare('SELECT * FROM binding_codes').all()).toHaveLength(1);
    const code = /绑定 (\S+)/.exec(first[0])![1];
    expect((await rt.say('u_new', 'g_host', `绑定 ${code}`)).texts[0]).toContain('已绑定');
  });
});
