import { fixedClock } from '../../src/time/clock';
import { Outbox } from '../../src/outbox/outbox';
import type { Sender } from '../../src/outbox/sender';
import { createLogger } from '../../src/observability/logger';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';

const target = { platform: 'sim' as const, chatId: 'g1', chatType: 'group' as const };

describe('Outbox: a message enqueued while a drain is under way', () => {
  afterAll(cleanupTempDirs);

  test('is sent by that drain, not left for the next interval (a passive reply has less than a second)', async () => {
    const store = sqliteStore(tempDir());
    const clock = fixedClock('2026-12-01T02:00:00Z');
    const sent: string[] = [];
    const sender: Sender = {
      platform: 'sim',
      perMinute: Infinity,
      robotKey: () => 'r',
      async send(item) {
        sent.push(item.text);
        // The first send enqueues a second message mid-drain (as a handler answering during a send would).
        if (item.text !== 'first') return;
        await outbox.enqueue({ target, text: 'second' });
        // Real I/O (the platform's answer) keeps this drain busy past the enqueue's kick.
        await new Promise((r) => setTimeout(r, 5));
      },
    };
    const outbox = new Outbox(store.outbox, store.chatLog, clock, createLogger('silent'), { owner: 't' });
    outbox.registerSender(sender);
    await store.outbox.enqueue({ target, text: 'first' }, clock.now());
    await outbox.drainOnce();
    expect(sent).toEqual(['first', 'second']);
    expect(await store.outbox.depth()).toBe(0);
    await store.close();
  });
});
