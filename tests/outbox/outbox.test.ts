import { fixedClock } from '../../src/time/clock';
import { Outbox } from '../../src/outbox/outbox';
import type { OutboxItem } from '../../src/outbox/outbox-types';
import { SendError, type Sender } from '../../src/outbox/sender';
import { createLogger } from '../../src/observability/logger';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';

const target = { platform: 'sim' as const, chatId: 'g1', chatType: 'group' as const };

function fakeSender(
  perMinute: number,
  behaviour: (item: OutboxItem) => void = () => undefined,
): Sender & { sent: string[] } {
  const sent: string[] = [];
  return {
    platform: 'sim',
    perMinute,
    sent,
    robotKey: () => 'robot-1',
    async send(item) {
      behaviour(item);
      sent.push(item.text);
    },
  };
}

describe('Outbox', () => {
  afterAll(cleanupTempDirs);
  const setup = (sender: Sender, failed: string[] = []) => {
    const dir = tempDir();
    const store = sqliteStore(dir);
    const clock = fixedClock('2026-12-01T02:00:00Z');
    const outbox = new Outbox(store.outbox, store.chatLog, clock, createLogger('silent'), {
      owner: 'test',
      maxAttempts: 3,
      onFailed: (item, err) => {
        failed.push(`${item.text}: ${err}`);
      },
    });
    outbox.registerSender(sender);
    return { dir, store, clock, outbox };
  };

  test('persists before sending, marks sent and logs to the chat transcript', async () => {
    const sender = fakeSender(Infinity);
    const { store, outbox } = setup(sender);
    const item = await store.outbox.enqueue({ target, text: '你好' }, new Date('2026-12-01T02:00:00Z'));
    expect((await store.outbox.get(item.id))?.status).toBe('pending');
    await outbox.drainOnce();
    expect(sender.sent).toEqual(['你好']);
    expect((await store.outbox.get(item.id))?.status).toBe('sent');
    expect((await store.chatLog.list('sim', 'g1')).map((e) => [e.from, e.text])).toEqual([['bot', '你好']]);
  });

  test('paces 20 per minute per robot: the rest wait for the next window, none dropped', async () => {
    const sender = fakeSender(20);
    const { store, clock, outbox } = setup(sender);
    for (let i = 0; i < 25; i++) await store.outbox.enqueue({ target, text: `m${i}` }, clock.now());
    await outbox.drainOnce();
    expect(sender.sent).toHaveLength(20);
    expect(await store.outbox.depth()).toBe(5);
    clock.advance(30_000);
    await outbox.drainOnce();
    expect(sender.sent).toHaveLength(20);
    clock.advance(31_000);
    await outbox.drainOnce();
    expect(sender.sent).toHaveLength(25);
    expect(sender.sent).toEqual(Array.from({ length: 25 }, (_, i) => `m${i}`));
    // Waiting for a pacing slot is not a failed attempt.
    expect((await store.outbox.get(25))?.attempts).toBe(1);
  });

  test('retries with backoff, then marks failed and reports it once', async () => {
    const failed: string[] = [];
    const sender = fakeSender(Infinity, () => {
      throw new SendError('timeout', true, { fix: 'check network' });
    });
    const { store, clock, outbox } = setup(sender, failed);
    const item = await store.outbox.enqueue({ target, text: '通知' }, clock.now());
    await outbox.drainOnce();
    const afterFirst = await store.outbox.get(item.id);
    expect(afterFirst).toMatchObject({ status: 'pending', attempts: 1, lastError: 'timeout: check network' });
    expect(new Date(afterFirst!.nextAttemptAt).getTime()).toBeGreaterThan(clock.now().getTime());
    for (let i = 0; i < 5; i++) {
      clock.advance(15 * 60_000);
      await outbox.drainOnce();
    }
    expect(await store.outbox.get(item.id)).toMatchObject({ status: 'failed', attempts: 3 });
    expect(failed).toEqual(['通知: timeout: check network']);
  });

  test('a non-retryable error fails at once', async () => {
    const sender = fakeSender(Infinity, () => {
      throw new SendError('invalid chat', false);
    });
    const { store, clock, outbox } = setup(sender);
    const item = await store.outbox.enqueue({ target, text: 'x' }, clock.now());
    await outbox.drainOnce();
    expect(await store.outbox.get(item.id)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'invalid chat' });
  });

  test('after a restart, what was not sent is sent (new Outbox, same file)', async () => {
    const first = setup(fakeSender(Infinity));
    await first.store.outbox.enqueue({ target, text: '重启前' }, first.clock.now());
    await first.store.close();
    const sender = fakeSender(Infinity);
    const store = sqliteStore(first.dir);
    const outbox = new Outbox(store.outbox, store.chatLog, first.clock, createLogger('silent'), { owner: 'test2' });
    outbox.registerSender(sender);
    await outbox.drainOnce();
    expect(sender.sent).toEqual(['重启前']);
    await store.close();
  });

  test('replies to different chats go out side by side, each chat in order; their marks share commits', async () => {
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const started: string[] = [];
    const sender: Sender = {
      platform: 'sim',
      async send(item) {
        started.push(item.text);
        // The first chat's endpoint is slow: the other chats must not wait for it.
        if (item.target.chatId === 'slow') await slow;
      },
    };
    const { store, outbox } = setup(sender);
    const at = new Date('2026-12-01T02:00:00Z');
    // Chats go out side by side once the platform has answered (before that, one chat alone probes it).
    await store.outbox.enqueue({ target: { ...target, chatId: 'first' }, text: 'first' }, at);
    await outbox.drainOnce();
    started.length = 0;
    await store.outbox.enqueue({ target: { ...target, chatId: 'slow' }, text: 'slow-1' }, at);
    await store.outbox.enqueue({ target: { ...target, chatId: 'slow' }, text: 'slow-2' }, at);
    for (let i = 0; i < 5; i++)
      await store.outbox.enqueue({ target: { ...target, chatId: `g${i}` }, text: `g${i}` }, at);
    const frames = () => (store.db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>)[0].log;
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const drained = outbox.drainOnce();
    for (let i = 0; i < 50 && started.length < 6; i++) await new Promise((r) => setImmediate(r));
    expect(started).toEqual(['slow-1', 'g0', 'g1', 'g2', 'g3', 'g4']);
    release();
    await drained;
    expect(started.at(-1)).toBe('slow-2');
    expect((await store.chatLog.list('sim', 'slow')).map((e) => e.text)).toEqual(['slow-1', 'slow-2']);
    // One claim, then the seven sent marks with their transcript lines in a few shared commits (12 WAL frames here;
    // 37 when each item waited for its own commit before the next was sent).
    expect(frames()).toBeLessThan(20);
  });

  describe('Outbox batching of 1:1 messages', () => {
    afterAll(cleanupTempDirs);

    test('same-text 1:1 items go to sendMany in chunks of 20, one pacing slot per chunk; failures are per item', async () => {
      const store = sqliteStore(tempDir());
      const clock = fixedClock('2026-12-01T02:00:00Z');
      const calls: number[][] = [];
      const single: string[] = [];
      const sender: Sender = {
        platform: 'sim',
        perMinute: 2,
        robotKey: () => 'robot',
        async send(item) {
          single.push(item.target.chatId);
        },
        async sendMany(items) {
          calls.push(items.map((i) => i.id));
          return new Map(
            items.map((i) => [i.id, i.target.chatId === 'u3' ? new SendError('invalid user', false) : undefined]),
          );
        },
      };
      const outbox = new Outbox(store.outbox, store.chatLog, clock, createLogger('silent'), { owner: 't', batch: 100 });
      outbox.registerSender(sender);
      for (let i = 0; i < 45; i++)
        await store.outbox.enqueue(
          { target: { platform: 'sim', chatId: `u${i}`, chatType: 'single' }, text: '⏰ 明天截止' },
          clock.now(),
        );
      await store.outbox.enqueue(
        { target: { platform: 'sim', chatId: 'u99', chatType: 'single' }, text: '别的' },
        clock.now(),
      );
      await outbox.drainOnce();
      // perMinute 2: two chunks of 20 go now, the third chunk and the lone item wait for the next window.
      expect(calls.map((c) => c.length)).toEqual([20, 20]);
      expect(single).toEqual([]);
      expect((await store.outbox.get(4))?.status).toBe('failed');
      expect((await store.outbox.get(5))?.status).toBe('sent');
      clock.advance(61_000);
      await outbox.drainOnce();
      expect(calls.map((c) => c.length)).toEqual([20, 20, 5]);
      expect(single).toEqual(['u99']);
      expect(await store.outbox.depth()).toBe(0);
      await store.close();
    });
  });
});
