import { Pacer, type SendPlan } from '../../src/outbox/pacer';

const robot = (parts = 1): SendPlan => ({ limits: [{ key: 'robot', max: 20, windowMs: 60_000 }], parts });

describe('Pacer: documented limits, counted by sent parts, planned ahead', () => {
  test('a queue is laid out once: 20 now, 20 a minute later, the rest after that; each comes back to its own slot', () => {
    const p = new Pacer();
    const waits = Array.from({ length: 45 }, (_, id) => p.take(robot(), 0, id));
    expect(waits.filter((w) => w === 0)).toHaveLength(20);
    expect(waits.slice(20, 40).every((w) => w === 60_000)).toBe(true);
    expect(waits.slice(40).every((w) => w === 120_000)).toBe(true);
    // Back at their booked time they go without being counted again; early, they are told to wait.
    expect(p.take(robot(), 30_000, 25)).toBe(30_000);
    expect(p.take(robot(), 60_000, 25)).toBe(0);
    // A newcomer queues behind everything booked.
    expect(p.take(robot(), 60_000, 99)).toBe(60_000);
  });

  test('parts count: a 5-part message takes 5 slots, and two limits (per minute and per hour) both hold', () => {
    const p = new Pacer();
    expect(p.take(robot(5), 0, 1)).toBe(0);
    expect(p.take(robot(5), 0, 2)).toBe(0);
    expect(p.take(robot(5), 0, 3)).toBe(0);
    expect(p.take(robot(5), 0, 4)).toBe(0);
    expect(p.take(robot(5), 0, 5)).toBe(60_000);
    const conv: SendPlan = {
      limits: [
        { key: 'c/m', max: 30, windowMs: 60_000 },
        { key: 'c/h', max: 40, windowMs: 3_600_000 },
      ],
      parts: 1,
    };
    const waits = Array.from({ length: 41 }, (_, i) => p.take(conv, 0, `c${i}`));
    expect(waits.filter((w) => w === 0)).toHaveLength(30);
    expect(waits.slice(30, 40).every((w) => w === 60_000)).toBe(true);
    expect(waits[40]).toBe(3_600_000);
  });

  test('a mute voids the bookings on that robot: the items are looked at again after it', () => {
    const p = new Pacer();
    for (let id = 0; id < 25; id++) p.take(robot(), 0, id);
    p.penalize(robot(), 600_000);
    expect(p.take(robot(), 60_000, 22)).toBe(540_000);
  });
});

/** The windows as first written: every time kept in an array that is filtered whole on each take. */
function referenceWaits(plans: Array<{ plan: SendPlan; now: number }>): number[] {
  const sent = new Map<string, number[]>();
  return plans.map(({ plan, now }) => {
    const parts = (max: number) => Math.min(Math.max(1, plan.parts), max);
    let at = now;
    for (const l of plan.limits) {
      const w = (sent.get(l.key) ?? []).filter((t) => t > now - l.windowMs);
      sent.set(l.key, w);
      const room = l.max - parts(l.max);
      const blocking = w.length > room ? w[w.length - room - 1] + l.windowMs : now;
      at = Math.max(at, now, w.length ? w[w.length - 1] : now, blocking);
    }
    for (const l of plan.limits) for (let i = 0; i < parts(l.max); i++) sent.get(l.key)!.push(at);
    return at - now;
  });
}

test('windows that skip expired times agree with filtering them out, over thousands of sends and two limits', () => {
  let seed = 11;
  const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const minute = { key: 'conv', max: 30, windowMs: 60_000 };
  const hour = { key: 'conv:h', max: 1000, windowMs: 3_600_000 };
  const tiny = { key: 'tiny', max: 3, windowMs: 10_000 };
  const plans: Array<{ plan: SendPlan; now: number }> = [];
  let now = 0;
  for (let i = 0; i < 3000; i++) {
    now += 1000 * Math.floor(rand() * (i % 500 < 250 ? 2 : 40));
    const limits = i % 3 === 0 ? [tiny] : rand() < 0.7 ? [minute, hour] : [minute];
    plans.push({ plan: { limits, parts: 1 + Math.floor(rand() * 3) }, now });
  }
  const p = new Pacer();
  expect(plans.map(({ plan, now }) => p.take(plan, now))).toEqual(referenceWaits(plans));
});
