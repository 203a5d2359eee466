import type { IncomingMessage } from '../../src/bot/incoming-message';
import type { Store } from '../../src/store/store';
import { T0, at, type StoreFactory } from './contract-types';

const msg = (msgId: string): IncomingMessage => ({
  platform: 'sim',
  msgId,
  chatId: 'g1',
  chatType: 'group',
  userId: 'u1',
  text: '你好',
  media: [],
  receivedAt: T0.toISOString(),
});
const target = { platform: 'sim' as const, chatId: 'g1', chatType: 'group' as const };

export function messagingContract(makeStore: StoreFactory): void {
  let store: Store;
  beforeEach(async () => {
    store = await makeStore();
  });
  afterEach(async () => {
    await store.close();
  });

  test('inbox: accepts a key once and lists what was never processed', async () => {
    expect(await store.inbox.accept('sim:1', msg('1'), T0)).toBe(true);
    expect(await store.inbox.accept('sim:1', msg('1'), at(1))).toBe(false);
    expect(await store.inbox.accept('sim:2', msg('2'), at(1))).toBe(true);
    expect((await store.inbox.listUnprocessed(10)).map((r) => r.message.msgId)).toEqual(['1', '2']);
    await store.inbox.markDone('sim:1', 'done', undefined, at(2));
    await store.inbox.markDone('sim:2', 'failed', 'boom', at(2));
    expect(await store.inbox.listUnprocessed(10)).toEqual([]);
    expect(await store.inbox.count()).toBe(2);
  });

  test('inbox: concurrent accepts keep dedupe — one row per key, every later copy a duplicate — and each is durable once settled', async () => {
    const ids = ['1', '2', '1', '3', '2', '1'];
    const results = await Promise.all(
      ids.map((id, i) => store.inbox.accept(`sim:${id}`, { ...msg(id), text: `第${i}份` }, at(i))),
    );
    // Which copy of a key wins may depend on the adapter (a connection pool races); exactly one does, and it is stored.
    const winners = ids.map((id, i) => [`sim:${id}`, `第${i}份`]).filter((_, i) => results[i]);
    expect(winners.map(([key]) => key).sort()).toEqual(['sim:1', 'sim:2', 'sim:3']);
    const rows = await store.inbox.listUnprocessed(10);
    expect(rows.map((r) => [r.key, r.message.text]).sort()).toEqual(winners.sort());
    expect(await store.inbox.count()).toBe(3);
  });

  test('outbox: enqueue is idempotent by key; claim, retry, send, fail', async () => {
    const a = await store.outbox.enqueue({ target, text: '一', mentions: ['u1'], idemKey: 'r1' }, T0);
    const again = await store.outbox.enqueue({ target, text: '一', idemKey: 'r1' }, T0);
    expect(again.id).toBe(a.id);
    const b = await store.outbox.enqueue({ target, text: '二', replyHint: { frame: 'x' } }, T0);
    expect(await store.outbox.depth()).toBe(2);
    const claimed = await store.outbox.claimDue('w1', T0, 10, 60_000);
    expect(claimed.map((i) => [i.id, i.attempts, i.status])).toEqual([
      [a.id, 1, 'sending'],
      [b.id, 1, 'sending'],
    ]);
    expect(claimed[0].mentions).toEqual(['u1']);
    expect(claimed[1].replyHint).toEqual({ frame: 'x' });
    expect(await store.outbox.claimDue('w2', T0, 10, 60_000)).toEqual([]);
    await store.outbox.markSent(a.id, at(1));
    await store.outbox.markRetry(b.id, 'timeout', at(5));
    expect(await store.outbox.claimDue('w2', at(4), 10, 60_000)).toEqual([]);
    const retried = await store.outbox.claimDue('w2', at(5), 10, 60_000);
    expect(retried.map((i) => [i.id, i.attempts])).toEqual([[b.id, 2]]);
    await store.outbox.markFailed(b.id, 'gave up', at(6));
    expect(await store.outbox.depth()).toBe(0);
    expect((await store.outbox.listFailed(5)).map((i) => [i.id, i.lastError])).toEqual([[b.id, 'gave up']]);
    expect((await store.outbox.get(a.id))?.status).toBe('sent');
  });

  test('outbox: defer puts a claimed item back without counting an attempt', async () => {
    const a = await store.outbox.enqueue({ target, text: '一' }, T0);
    await store.outbox.claimDue('w1', T0, 10, 60_000);
    await store.outbox.defer(a.id, at(1));
    expect(await store.outbox.get(a.id)).toMatchObject({
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at(1).toISOString(),
    });
    expect(await store.outbox.claimDue('w1', T0, 10, 60_000)).toEqual([]);
    expect((await store.outbox.claimDue('w1', at(1), 10, 60_000)).map((i) => i.attempts)).toEqual([1]);
  });

  test('outbox: a claim whose lease ran out can be claimed again (crash while sending)', async () => {
    const a = await store.outbox.enqueue({ target, text: '一' }, T0);
    await store.outbox.claimDue('w1', T0, 10, 60_000);
    expect(await store.outbox.claimDue('w2', at(0.5), 10, 60_000)).toEqual([]);
    expect((await store.outbox.claimDue('w2', at(2), 10, 60_000)).map((i) => i.id)).toEqual([a.id]);
  });

  test('outbox: prune removes only items sent before the cut-off; an idempotency key of a pruned item is free again', async () => {
    const old = await store.outbox.enqueue({ target, text: '旧', idemKey: 'rank:2026-11' }, T0);
    const recent = await store.outbox.enqueue({ target, text: '新' }, T0);
    const pending = await store.outbox.enqueue({ target, text: '待发' }, at(60));
    const failed = await store.outbox.enqueue({ target, text: '失败' }, T0);
    await store.outbox.claimDue('w1', T0, 10, 60_000);
    await store.outbox.markSent(old.id, at(1));
    await store.outbox.markSent(recent.id, at(30));
    await store.outbox.markFailed(failed.id, 'gave up', at(1));
    expect(await store.outbox.prune(at(10))).toBe(1);
    expect(await store.outbox.get(old.id)).toBeUndefined();
    expect((await store.outbox.get(recent.id))?.status).toBe('sent');
    expect((await store.outbox.get(pending.id))?.status).toBe('pending');
    expect((await store.outbox.get(failed.id))?.status).toBe('failed');
    expect(await store.outbox.prune(at(10))).toBe(0);
    expect((await store.outbox.enqueue({ target, text: '旧', idemKey: 'rank:2026-11' }, at(11))).id).not.toBe(old.id);
  });

  test('chat log keeps messages in order with mentions', async () => {
    await store.chatLog.append({ platform: 'sim', chatId: 'g1', from: 'u1', text: '你好', at: T0.toISOString() });
    await store.chatLog.append({
      platform: 'sim',
      chatId: 'g1',
      from: 'bot',
      text: '@甲 你好',
      mentions: ['u1'],
      at: at(1).toISOString(),
    });
    await store.chatLog.append({ platform: 'sim', chatId: 'g2', from: 'u2', text: '别的群', at: at(1).toISOString() });
    const log = await store.chatLog.list('sim', 'g1');
    expect(log.map((e) => [e.from, e.text, e.mentions])).toEqual([
      ['u1', '你好', undefined],
      ['bot', '@甲 你好', ['u1']],
    ]);
  });

  test('inbox and chat log: a private answer is replaced by a placeholder, nothing else changes', async () => {
    await store.inbox.accept('sim:1', msg('1'), T0);
    await store.inbox.accept('sim:2', msg('2'), T0);
    await store.inbox.redactText('sim:1', '［已匿名］');
    expect(
      (await store.inbox.listUnprocessed(10)).map((r) => [r.message.msgId, r.message.text, r.message.userId]),
    ).toEqual([
      ['1', '［已匿名］', 'u1'],
      ['2', '你好', 'u1'],
    ]);
    expect(await store.inbox.accept('sim:1', msg('1'), at(1))).toBe(false);
    for (const [chatId, from, text] of [
      ['u1', 'u1', '不满意'],
      ['u1', 'bot', '不满意'],
      ['u1', 'u1', '测评'],
      ['g1', 'u1', '不满意'],
    ])
      await store.chatLog.append({ platform: 'sim', chatId, from, text, at: T0.toISOString() });
    await store.chatLog.redact('sim', 'u1', 'u1', '不满意', '［已匿名］');
    expect((await store.chatLog.list('sim', 'u1')).map((e) => [e.from, e.text])).toEqual([
      ['u1', '［已匿名］'],
      ['bot', '不满意'],
      ['u1', '测评'],
    ]);
    expect((await store.chatLog.list('sim', 'g1')).map((e) => e.text)).toEqual(['不满意']);
  });

  test('audit log lists newest first', async () => {
    await store.audit.record({ actor: 'sim:a', action: 'chat.bind', subject: 'sim:g1', detail: { branchId: 1 } }, T0);
    await store.audit.record({ actor: 'sim:a', action: 'role.grant', subject: 'member:1' }, at(1));
    expect((await store.audit.list(10)).map((e) => e.action)).toEqual(['role.grant', 'chat.bind']);
    expect((await store.audit.list(10))[1].detail).toEqual({ branchId: 1 });
  });

  test('leases: one owner at a time until expiry; renewal by the owner', async () => {
    expect(await store.leases.acquire('job:x', 'a', T0, 60_000)).toBe(true);
    expect(await store.leases.acquire('job:x', 'b', at(0.5), 60_000)).toBe(false);
    expect(await store.leases.acquire('job:x', 'a', at(0.5), 60_000)).toBe(true);
    expect(await store.leases.acquire('job:x', 'b', at(2), 60_000)).toBe(true);
    await store.leases.release('job:x', 'b');
    expect(await store.leases.acquire('job:x', 'a', at(2), 60_000)).toBe(true);
  });

  test('blobs: content-addressed, same bytes stored once', async () => {
    const bytes = Buffer.from('fake-jpeg-bytes');
    const a = await store.blobs.put(bytes, 'jpg');
    const b = await store.blobs.put(Buffer.from(bytes), 'png');
    expect(a.sha256).toBe(b.sha256);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await store.blobs.get(a.sha256))?.bytes.equals(bytes)).toBe(true);
    expect(await store.blobs.has('f'.repeat(64))).toBe(false);
    expect(await store.blobs.get('../etc/passwd')).toBeUndefined();
  });
}
