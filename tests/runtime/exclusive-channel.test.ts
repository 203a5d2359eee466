import { fixedClock } from '../../src/time/clock';
import { Outbox } from '../../src/outbox/outbox';
import type { Sender } from '../../src/outbox/sender';
import { createLogger } from '../../src/observability/logger';
import type { Channel } from '../../src/platforms/channel';
import { exclusiveChannel, type ExclusiveChannel } from '../../src/runtime/exclusive-channel';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import type { LeaseRepo, Store } from '../../src/store/store';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';
import { testRuntime } from '../helpers/test-runtime';

const log = createLogger('silent');
const TTL = 30_000;

/** A long connection that records its life: how a WeCom WS or DingTalk Stream channel looks to the runtime. */
function fakeConnection(name = 'dingtalk') {
  const events: string[] = [];
  const sent: string[] = [];
  let failNextStart = false;
  const sender: Sender = {
    platform: 'dingtalk',
    perMinute: Infinity,
    robotKey: () => 'robot',
    async send(item) {
      sent.push(item.text);
    },
  };
  const channel: Channel & { streamState: string } = {
    name,
    platform: 'dingtalk',
    exclusive: true,
    senders: [sender],
    streamState: 'idle',
    async start() {
      if (failNextStart) {
        failNextStart = false;
        throw new Error('bad credentials');
      }
      events.push('start');
      channel.streamState = 'connected';
    },
    async stop() {
      events.push('stop');
      channel.streamState = 'idle';
    },
    health: () => ({ state: channel.streamState, ok: channel.streamState === 'connected' }),
  };
  return {
    channel,
    events,
    sent,
    failStartOnce: () => {
      failNextStart = true;
    },
  };
}

describe('exclusive channels: one long connection across bot instances', () => {
  let store: Store;
  const clock = fixedClock('2026-12-01T02:00:00Z');
  const wrap = (channel: Channel, owner: string, leases: LeaseRepo = store.leases): ExclusiveChannel =>
    exclusiveChannel(channel, { leases, owner, clock, log, ttlMs: TTL, every: () => () => undefined });

  beforeEach(() => {
    store = sqliteStore(tempDir('zhibu-excl-'));
    clock.set('2026-12-01T02:00:00Z');
  });
  afterEach(async () => {
    await store.close();
  });
  afterAll(cleanupTempDirs);

  test('the first instance connects, the second stands by; a dead holder is replaced after the lease runs out', async () => {
    const a = fakeConnection();
    const b = fakeConnection();
    const instA = wrap(a.channel, 'host-a:1');
    const instB = wrap(b.channel, 'host-b:1');
    await instA.start!();
    await instB.start!();
    expect([a.events, b.events]).toEqual([['start'], []]);
    expect(instB.health!()).toMatchObject({ state: 'standby', ok: true });
    expect(instA.health!()).toEqual({ state: 'connected', ok: true });

    clock.advance(10_000);
    await instA.tick();
    await instB.tick();
    expect([instA.holding(), instB.holding()]).toEqual([true, false]);

    // A dies without a word (SIGKILL, power cut): it no longer renews. Before the TTL B must still wait.
    clock.advance(TTL - 1);
    await instB.tick();
    expect(instB.holding()).toBe(false);
    clock.advance(1);
    await instB.tick();
    expect(instB.holding()).toBe(true);
    expect(b.events).toEqual(['start']);

    // A was only paused and comes back: it finds the lease taken and drops its connection.
    await instA.tick();
    expect(instA.holding()).toBe(false);
    expect(a.events).toEqual(['start', 'stop']);
  });

  test('a clean stop releases the lease so a standby instance takes over at once', async () => {
    const a = fakeConnection();
    const b = fakeConnection();
    const instA = wrap(a.channel, 'a');
    const instB = wrap(b.channel, 'b');
    await instA.start!();
    await instB.start!();
    await instA.stop!();
    await instB.tick();
    expect([instA.holding(), instB.holding()]).toEqual([false, true]);
    expect(a.events).toEqual(['start', 'stop']);
  });

  test('a channel that fails to start gives the lease up and tries again next round', async () => {
    const a = fakeConnection();
    const b = fakeConnection();
    a.failStartOnce();
    const instA = wrap(a.channel, 'a');
    const instB = wrap(b.channel, 'b');
    await instA.start!();
    expect(instA.holding()).toBe(false);
    await instB.start!();
    expect(instB.holding()).toBe(true);
    await instB.stop!();
    await instA.tick();
    expect(instA.holding()).toBe(true);
  });

  test('when the store cannot renew the lease the connection is dropped', async () => {
    const a = fakeConnection();
    let down = false;
    const flaky: LeaseRepo = {
      acquire: (...args) => (down ? Promise.reject(new Error('store down')) : store.leases.acquire(...args)),
      release: (...args) => store.leases.release(...args),
    };
    const inst = wrap(a.channel, 'a', flaky);
    await inst.start!();
    down = true;
    await inst.tick();
    expect(inst.holding()).toBe(false);
    expect(a.events).toEqual(['start', 'stop']);
  });

  test('the outbox of a standby instance leaves the platform to the holder', async () => {
    const a = fakeConnection();
    const b = fakeConnection();
    const instA = wrap(a.channel, 'a');
    const instB = wrap(b.channel, 'b');
    await instA.start!();
    await instB.start!();
    const outboxOf = (inst: ExclusiveChannel, owner: string) => {
      const outbox = new Outbox(store.outbox, store.chatLog, clock, log, { owner });
      for (const s of inst.senders!) outbox.registerSender(s);
      return outbox;
    };
    const item = await store.outbox.enqueue(
      { target: { platform: 'dingtalk', chatId: 'cid1', chatType: 'group' }, text: '通知' },
      clock.now(),
    );
    const sim = await store.outbox.enqueue(
      { target: { platform: 'sim', chatId: 'g', chatType: 'group' }, text: '模拟' },
      clock.now(),
    );
    expect(instB.senders![0].ready!()).toBe(false);
    await outboxOf(instB, 'b').drainOnce();
    expect(await store.outbox.get(item.id)).toMatchObject({ status: 'pending', attempts: 0 });
    // Other platforms are still served by the standby instance (here: no sim sender, so it is retried later).
    expect((await store.outbox.get(sim.id))?.attempts).toBe(1);
    await outboxOf(instA, 'a').drainOnce();
    expect(await store.outbox.get(item.id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect([a.sent, b.sent]).toEqual([['通知'], []]);
  });

  test('the runtime puts every long-connection channel (WeCom AI bot WS, DingTalk Stream) behind its lease', async () => {
    const rt = await testRuntime({
      DINGTALK_CLIENT_ID: 'ding_app',
      DINGTALK_CLIENT_SECRET: 'secret',
      DINGTALK_MODE: 'stream',
      DINGTALK_API_BASE: 'http://127.0.0.1:9',
      WECOM_BOT_ID: 'bot1',
      WECOM_BOT_SECRET: 'secret',
      WECOM_WS_URL: 'ws://127.0.0.1:9',
    });
    const exclusive = rt.channels.filter((c) => c.exclusive);
    expect(exclusive.map((c) => c.name).sort()).toEqual(['dingtalk', 'wecom-aibot-ws']);
    for (const c of exclusive) expect(typeof (c as ExclusiveChannel).tick).toBe('function');
    expect(rt.channels.filter((c) => !c.exclusive).every((c) => !('tick' in c))).toBe(true);
    await rt.services.store.close();
  });

  test('the wrapper still exposes what the platform channel adds (e.g. its stream state)', async () => {
    const a = fakeConnection();
    const inst = wrap(a.channel, 'a') as ExclusiveChannel & { streamState: string };
    await inst.start!();
    expect(inst.streamState).toBe('connected');
    expect([inst.name, inst.platform, inst.exclusive]).toEqual(['dingtalk', 'dingtalk', true]);
  });
});
