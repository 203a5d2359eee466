import { HandlingGate } from '../../src/bot/handling-gate';
import type { Context } from '../../src/bot/context';
import type { IncomingMessage } from '../../src/bot/incoming-message';

const msg = (id: string): IncomingMessage => ({
  platform: 'wecom', msgId: id, chatId: 'g', chatType: 'group', userId: 'u', text: '', media: [], receivedAt: '2026-12-01T02:00:00Z',
});
const ctxOf = (message: IncomingMessage) => ({ message }) as unknown as Context;

describe('HandlingGate', () => {
  test('unmarked messages pass straight through (simulator, tests, recovery)', async () => {
    const gate = new HandlingGate();
    const order: string[] = [];
    const run = gate.middleware(ctxOf(msg('a')), async () => { order.push('handled'); });
    order.push('after call');
    await run;
    expect(order).toEqual(['handled', 'after call']);
  });

  test('deferred messages start in later event-loop turns, one per turn, in order; I/O callbacks run in between', async () => {
    const gate = new HandlingGate(1);
    const order: string[] = [];
    const messages = ['a', 'b', 'c'].map(msg);
    messages.forEach((m) => gate.defer(m));
    const runs = messages.map((m) => gate.middleware(ctxOf(m), async () => { order.push(m.msgId); }));
    expect(gate.backlog).toBe(3);
    setImmediate(() => order.push('io-1'));
    await Promise.all(runs);
    await gate.settled();
    expect(order.filter((x) => x !== 'io-1')).toEqual(['a', 'b', 'c']);
    expect(order.indexOf('io-1')).toBeLessThan(order.indexOf('c'));
    expect(gate.backlog).toBe(0);
  });

  test('settled() waits for a deferred handler that is still running', async () => {
    const gate = new HandlingGate();
    const m = msg('slow');
    gate.defer(m);
    let release!: () => void;
    let done = false;
    void gate.middleware(ctxOf(m), () => new Promise<void>((r) => { release = () => { done = true; r(); }; }));
    await new Promise((r) => setImmediate(r));
    const settled = gate.settled().then(() => done);
    release();
    expect(await settled).toBe(true);
  });
});
