import { Bot } from '../../src/bot/bot';
import { Composer } from '../../src/bot/composer';
import type { IncomingMessage } from '../../src/bot/incoming-message';
import type { Store } from '../../src/store/store';
import { botServices } from '../helpers/bot-services';
import { cleanupTempDirs } from '../helpers/temp-dir';

const message = (n: number, sender: string): IncomingMessage => ({
  platform: 'sim',
  msgId: `m${n}`,
  chatId: 'g',
  chatType: 'group',
  userId: sender,
  text: `${sender}:${n}`,
  media: [],
  receivedAt: '2026-12-01T02:00:00Z',
});

/** What the bot keeps in memory for deferred messages (the mechanism under test; not part of its API). */
const inMemory = (bot: Bot) => (bot as unknown as { background: { backlog: number } }).background.backlog;

describe('a flood of deferred messages beyond what waits in memory', () => {
  let store: Store;
  afterEach(() => store.close());
  afterAll(cleanupTempDirs);

  function make(maxWaiting: number) {
    const services = botServices();
    store = services.store;
    const handled: string[] = [];
    const router = new Composer()
      .use(async (ctx) => {
        // 丁's messages take a while, so read-backs run while one of them is being handled.
        await new Promise((r) => (ctx.text.startsWith('丁') ? setTimeout(r, 30) : setImmediate(r)));
        handled.push(ctx.text);
      })
      .middleware();
    return { bot: new Bot(services, router, { maxWaiting, quietMs: 5 }), handled };
  }

  const sendersOf = (n: number) => ['甲', '乙', '丙'][n % 3];

  test('holds at most maxWaiting in memory, then handles every message once, each sender in order', async () => {
    const { bot, handled } = make(5);
    const acks = await Promise.all(
      Array.from({ length: 60 }, (_, n) => bot.accept(message(n, sendersOf(n)), { defer: true })),
    );
    expect(acks.every(Boolean)).toBe(true);
    expect(inMemory(bot)).toBeLessThanOrEqual(5);
    // The rest waits in the inbox, already stored: a crash now loses none of them.
    expect((await store.inbox.listUnprocessed(100)).length).toBeGreaterThanOrEqual(55);
    expect(bot.backlog).toBeGreaterThan(0);
    await bot.settled();
    expect([...handled].sort()).toEqual(Array.from({ length: 60 }, (_, n) => `${sendersOf(n)}:${n}`).sort());
    for (const sender of ['甲', '乙', '丙']) {
      const order = handled.filter((t) => t.startsWith(sender)).map((t) => Number(t.split(':')[1]));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
    expect(await store.inbox.listUnprocessed(100)).toEqual([]);
  });

  test('messages that keep arriving while spilled ones are read back are each handled once', async () => {
    const { bot, handled } = make(4);
    const waves: Array<Promise<boolean>> = [];
    for (let n = 0; n < 300; n++) {
      waves.push(bot.accept(message(n, sendersOf(n)), { defer: true }));
      // Arrivals in small groups, a loop turn apart: reading back and switching to memory happen in between.
      if (n % 7 === 0) await new Promise((r) => setImmediate(r));
    }
    await Promise.all(waves);
    await bot.settled();
    expect(handled).toHaveLength(300);
    expect(new Set(handled).size).toBe(300);
    expect(await store.inbox.listUnprocessed(400)).toEqual([]);
  });

  test('a message handled at once (the simulator) while spilled ones are read back is handled once', async () => {
    const { bot, handled } = make(2);
    const flood = Array.from({ length: 40 }, (_, n) => bot.accept(message(n, sendersOf(n)), { defer: true }));
    const direct = Array.from({ length: 10 }, (_, k) => bot.receive(message(1000 + k, '丁')));
    await Promise.all([...flood, ...direct]);
    await bot.settled();
    expect(handled.filter((t) => t.startsWith('丁')).sort()).toEqual(
      Array.from({ length: 10 }, (_, k) => `丁:${1000 + k}`),
    );
    expect(handled).toHaveLength(50);
  });

  test('an answer waiting in the response is let go when its message spills', async () => {
    const { bot } = make(1);
    let closed = 0;
    const inThread = { offer: () => Promise.resolve(false), close: () => void closed++ };
    await Promise.all(Array.from({ length: 6 }, (_, n) => bot.accept(message(n, '甲'), { defer: true, inThread })));
    expect(closed).toBeGreaterThanOrEqual(4);
    await bot.settled();
  });
});
