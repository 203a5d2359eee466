import { fixedClock } from '../../src/time/clock';
import { Outbox } from '../../src/outbox/outbox';
import type { Sender } from '../../src/outbox/sender';
import { createLogger } from '../../src/observability/logger';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';

const ITEMS = 40;

/** Counts the SQL statements the store executes (run, get, all, iterate) while `work` runs, and its transactions. */
async function statementsDuring(
  db: { prepare(sql: string): object },
  work: () => Promise<void>,
): Promise<{ statements: number; transactions: number }> {
  const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<string, (...a: unknown[]) => unknown>;
  const originals = (['run', 'get', 'all', 'iterate'] as const).map((name) => [name, proto[name]] as const);
  const counted = { statements: 0, transactions: 0 };
  for (const [name, original] of originals)
    proto[name] = function (this: { source: string }, ...args: unknown[]) {
      if (/^BEGIN/.test(this.source)) counted.transactions++;
      else if (!/^(COMMIT|ROLLBACK)/.test(this.source)) counted.statements++;
      return original.apply(this, args);
    };
  try {
    await work();
  } finally {
    for (const [name, original] of originals) proto[name] = original;
  }
  return counted;
}

describe('Outbox on SQLite: the statements one sent item costs', () => {
  afterAll(cleanupTempDirs);

  test('enqueue, claim, sent mark and transcript line take at most four statements per item, in shared commits', async () => {
    const store = sqliteStore(tempDir());
    const clock = fixedClock('2026-12-01T02:00:00Z');
    const sent: string[] = [];
    const sender: Sender = {
      platform: 'sim',
      perMinute: Infinity,
      robotKey: () => 'r',
      send: async (i) => void sent.push(i.text),
    };
    const outbox = new Outbox(store.outbox, store.chatLog, clock, createLogger('silent'), { owner: 't', batch: ITEMS });
    outbox.registerSender(sender);
    const texts = Array.from({ length: ITEMS }, (_, i) => `第${i}条`);
    const { statements, transactions } = await statementsDuring(store.db, async () => {
      // Several chats, so the sent marks of different chats meet in one group commit as they do under load.
      await Promise.all(
        texts.map((text, i) =>
          store.outbox.enqueue(
            { target: { platform: 'sim', chatId: `g${i % 4}`, chatType: 'group' }, text },
            clock.now(),
          ),
        ),
      );
      await outbox.drainOnce();
    });
    expect(sent.sort()).toEqual([...texts].sort());
    expect(await store.outbox.depth()).toBe(0);
    expect(await store.chatLog.list('sim', 'g0')).toHaveLength(ITEMS / 4);
    // The insert and the claim's update return their rows: nothing re-reads a row just written.
    expect(statements).toBeLessThanOrEqual(4 * ITEMS + 4);
    // The sent marks of the chats' items share commits: far fewer transactions than items.
    expect(transactions).toBeLessThanOrEqual(ITEMS / 4);
    await store.close();
  });
});
