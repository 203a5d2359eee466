import { Bot } from '../../src/bot/bot';
import { Composer } from '../../src/bot/composer';
import type { IncomingMessage } from '../../src/bot/incoming-message';
import { loadContext } from '../../src/bot/load-context';
import { botServices } from '../helpers/bot-services';
import { cleanupTempDirs } from '../helpers/temp-dir';

const message = (msgId: string, text: string): IncomingMessage => ({
  platform: 'sim',
  msgId,
  chatId: 'g',
  chatType: 'group',
  userId: 'u1',
  text,
  media: [],
  receivedAt: '2026-12-01T02:00:00Z',
});

/** bot.receive(message) runs router and handlers without a server (probot's `receive`). */
describe('Bot pipeline below HTTP', () => {
  afterAll(cleanupTempDirs);
  const make = (build: (c: Composer) => void, withLoadContext = true) => {
    const services = botServices();
    const composer = withLoadContext ? new Composer().use(loadContext) : new Composer();
    build(composer);
    return { bot: new Bot(services, composer.middleware()), store: services.store };
  };

  test('dedupes on platform:msgId before any side effect', async () => {
    let calls = 0;
    const { bot } = make((c) =>
      c.command('ping', async (ctx) => {
        calls++;
        await ctx.reply('pong');
      }),
    );
    expect((await bot.receive(message('1', 'ping'))).replies.map((r) => r.text)).toEqual(['pong']);
    expect(await bot.receive(message('1', 'ping'))).toEqual({ duplicate: true, replies: [] });
    expect(calls).toBe(1);
  });

  test('a throwing handler gets a polite reply, is recorded as failed, and the next message still works', async () => {
    const { bot, store } = make((c) =>
      c
        .command('boom', () => {
          throw new Error('kaput');
        })
        .command('ok', (ctx) => ctx.reply('好').then(() => undefined)),
    );
    const r = await bot.receive(message('2', 'boom'));
    expect(r.replies[0].text).toContain('处理这条消息时出错了');
    expect(await store.inbox.listUnprocessed(10)).toEqual([]);
    expect((await bot.receive(message('3', 'ok'))).replies[0].text).toBe('好');
  });

  test('accept() acks first; messages from one sender are handled in arrival order', async () => {
    const seen: string[] = [];
    const { bot } = make((c) =>
      c.use(async (ctx) => {
        if (ctx.text === 'slow') await new Promise((r) => setTimeout(r, 20));
        seen.push(ctx.text);
      }),
    );
    expect(await bot.accept(message('4', 'slow'))).toBe(true);
    expect(await bot.accept(message('5', 'fast'))).toBe(true);
    expect(await bot.accept(message('5', 'fast'))).toBe(false);
    await bot.receive(message('6', 'last'));
    expect(seen).toEqual(['slow', 'fast', 'last']);
  });

  test('guards end the chain by not calling next', async () => {
    const { bot } = make((c) =>
      c
        .filter(
          (ctx) => ctx.text.startsWith('x'),
          async () => undefined,
        )
        .use(async (ctx) => {
          await ctx.reply(`reached ${ctx.text}`);
        }),
    );
    expect((await bot.receive(message('7', 'xyz'))).replies).toEqual([]);
    expect((await bot.receive(message('8', 'abc'))).replies.map((r) => r.text)).toEqual(['reached abc']);
  });

  test('the chat is recorded before any handler runs, whatever middleware the router has', async () => {
    const seen: Array<string | undefined> = [];
    const { bot, store } = make(
      (c) =>
        c.use(async (ctx) => {
          seen.push(ctx.chat?.chatId);
        }),
      false,
    );
    await bot.receive({ ...message('9', 'hi'), chatTitle: '青山村党支部群' });
    expect(seen).toEqual(['g']);
    expect(await store.chats.get('sim', 'g')).toMatchObject({ chatId: 'g', title: '青山村党支部群' });
  });

  test('accept(message, { defer: true }) acknowledges before handling starts; settled() waits for the handling', async () => {
    const seen: string[] = [];
    const { bot } = make((c) =>
      c.use(async (ctx) => {
        seen.push(ctx.text);
      }),
    );
    // Callbacks arriving together are acknowledged together (their inbox inserts share one commit).
    const acks = await Promise.all([
      bot.accept(message('10', 'one'), { defer: true }),
      bot.accept(message('11', 'two'), { defer: true }),
    ]);
    expect(acks).toEqual([true, true]);
    expect(seen).toEqual([]);
    expect(bot.backlog).toBe(2);
    await bot.settled();
    expect(seen).toEqual(['one', 'two']);
    expect(bot.backlog).toBe(0);
  });

  test("two bots defer independently: one bot's backlog is not another's", async () => {
    const a = make((c) => c.use(async () => undefined));
    const b = make((c) => c.use(async () => undefined));
    await a.bot.accept(message('12', 'x'), { defer: true });
    expect([a.bot.backlog, b.bot.backlog]).toEqual([1, 0]);
    await Promise.all([a.bot.settled(), b.bot.settled()]);
  });
});
