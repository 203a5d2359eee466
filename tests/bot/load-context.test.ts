import type { Context } from '../../src/bot/context';
import type { IncomingMessage } from '../../src/bot/incoming-message';
import { loadChat, loadContext } from '../../src/bot/load-context';
import type { Store } from '../../src/store/store';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import { fixedClock } from '../../src/time/clock';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';

/** The store with every repo call recorded as "repo.method". */
function counted(store: Store, calls: string[]): Store {
  return new Proxy(store, {
    get(target, repo: string) {
      const value = (target as unknown as Record<string, Record<string, unknown>>)[repo];
      if (typeof value !== 'object' || value === null) return value;
      return new Proxy(value, {
        get(r, method: string) {
          const fn = r[method];
          return typeof fn === 'function'
            ? (...args: unknown[]) => {
                calls.push(`${repo}.${method}`);
                return fn.apply(r, args);
              }
            : fn;
        },
      });
    },
  });
}

describe('loadContext', () => {
  afterAll(cleanupTempDirs);

  test('a member writing again within minutes costs reads and the transcript line only: no chat or member rewrite', async () => {
    const raw = sqliteStore(tempDir());
    const t0 = new Date('2026-12-01T02:00:00Z');
    const branch = await raw.branches.create({ name: '一支部', kind: 'home' }, t0);
    const member = await raw.members.create({ name: '张三', homeBranchId: branch.id }, t0);
    await raw.identities.bind({ platform: 'sim', userId: 'u1', memberId: member.id, displayName: '张三' });
    const calls: string[] = [];
    const store = counted(raw, calls);
    const clock = fixedClock(t0);
    const changes = () => (raw.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const handle = async (msgId: string) => {
      const message: IncomingMessage = {
        platform: 'sim',
        msgId,
        chatId: 'g1',
        chatType: 'group',
        chatTitle: '一支部群',
        userId: 'u1',
        text: '积分',
        media: [],
        receivedAt: clock.now().toISOString(),
      };
      calls.length = 0;
      const before = changes();
      // As Bot does: the chat is recorded before the first middleware runs.
      const chat = await loadChat(store, message, clock.now());
      const ctx = { store, message, chat, now: () => clock.now() } as unknown as Context;
      await loadContext(ctx, async () => {});
      return { calls: [...calls], rows: changes() - before, ctx };
    };

    const first = await handle('1');
    expect(first.calls).toEqual(['chats.upsertSeen', 'members.findByIdentity', 'members.touch', 'chatLog.append']);
    expect(first.ctx.member?.id).toBe(member.id);
    clock.advance(60_000);
    const again = await handle('2');
    expect(again.calls).toEqual(['chats.upsertSeen', 'members.findByIdentity', 'chatLog.append']);
    expect(again.rows).toBe(1);
    expect(again.ctx.chat.title).toBe('一支部群');
    expect((await raw.members.get(member.id))?.lastSeenAt).toBe(t0.toISOString());
    clock.advance(5 * 60_000);
    expect((await handle('3')).calls).toContain('members.touch');
    expect((await raw.members.get(member.id))?.lastSeenAt).toBe(clock.now().toISOString());
    await raw.close();
  });
});
