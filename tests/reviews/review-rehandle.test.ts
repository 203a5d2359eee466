import { createRouter } from '../../handlers';
import { Context } from '../../src/bot/context';
import { loadChat } from '../../src/bot/load-context';
import type { IncomingMessage } from '../../src/bot/incoming-message';
import { ANSWER_PLACEHOLDER } from '../../src/reviews/redact-answer';
import { cleanupTempDirs } from '../helpers/temp-dir';
import type { TestRuntime } from '../helpers/test-runtime';
import { OPEN_REVIEW, checkIn, dm, reviewRuntime } from './review-fixture';

/** A dialogue answer handled twice (a crash after its work, before it was marked done) answers one question only. */
describe('re-handling a review answer', () => {
  let rt: TestRuntime;
  const router = createRouter();
  const message = (text: string, msgId: string): IncomingMessage => ({
    platform: 'sim',
    msgId,
    chatId: 'u_zhang',
    chatType: 'single',
    userId: 'u_zhang',
    userName: '张三',
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

  beforeAll(async () => {
    rt = await reviewRuntime();
    await checkIn(rt, 'u_zhang', '张三');
    await rt.say('u_admin', 'g_home', OPEN_REVIEW);
    await dm(rt, 'u_zhang', '测评');
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('「1」 handled twice moves the dialogue one step and sends the same question', async () => {
    const [first, second] = await handleTwice(message('1', 'r-dup-1'));
    expect(first[0]).toContain('第 2 题');
    expect(second).toEqual(first);
    expect(await rt.services.store.reviews.getDraft(2)).toMatchObject({ step: 'overall', knows: true });
  });

  test('the last answer handled twice counts once', async () => {
    await handleTwice(message('满意', 'r-dup-2'));
    const [first, second] = await handleTwice(message('无', 'r-dup-3'));
    expect(first[0]).toContain('答卷已提交');
    expect(second).toEqual(first); // the repeat's reply has the same key: the member is answered once
    expect((await rt.services.store.reviews.tallies(1))[0]).toMatchObject({ answers: 1, knowYes: 1 });
  });

  test('an answer redacted before a crash, handled again from its inbox copy, changes nothing and reaches no command', async () => {
    await checkIn(rt, 'u_li', '李四');
    await dm(rt, 'u_li', '测评');
    const li = (text: string, msgId: string) => ({ ...message(text, msgId), chatId: 'u_li', userId: 'u_li' });
    const handle = async (m: IncomingMessage) => {
      const ctx = new Context(m, rt.services, await loadChat(rt.services.store, m, rt.clock.now()));
      await router(ctx, async () => undefined);
      return ctx.replies.map((r) => r.text);
    };
    const asked = await handle(li('2', 'r-li-1'));
    expect(await handle(li(ANSWER_PLACEHOLDER, 'r-li-1'))).toEqual(asked);
    await handle(li('满意', 'r-li-2'));
    expect((await handle(li('无', 'r-li-3')))[0]).toContain('答卷已提交');
    expect(await handle(li(ANSWER_PLACEHOLDER, 'r-li-3'))).toEqual([]);
    expect((await rt.services.store.reviews.tallies(1))[0]).toMatchObject({ answers: 2, knowYes: 1, knowNo: 1 });
  });
});
