import { BackgroundHandling } from '../../src/bot/background-handling';

/** Counts event-loop turns (one check phase each) until stopped. */
/** How many jobs ran between one event-loop turn and the next, in order (`io` marks a turn in `order`). */
const runsBetweenTurns = (order: string[]) =>
  order
    .join(' ')
    .split('io')
    .map((s) => s.trim().split(' ').filter(Boolean).length);

function turnCounter(onTurn: () => void = () => undefined) {
  let turns = 0;
  let on = true;
  const tick = () => {
    if (!on) return;
    turns++;
    onTurn();
    setImmediate(tick);
  };
  setImmediate(tick);
  return {
    get turns() {
      return turns;
    },
    stop: () => {
      on = false;
    },
  };
}

describe('BackgroundHandling', () => {
  test('an undeferred job starts at once (simulator, tests, recovery)', async () => {
    const bg = new BackgroundHandling();
    const order: string[] = [];
    bg.run(async () => {
      order.push('handled');
    }, false);
    order.push('after run');
    await bg.settled();
    expect(order).toEqual(['handled', 'after run']);
  });

  test('a deferred job starts in a later event-loop turn, after the caller has acknowledged; jobs keep their order', async () => {
    const bg = new BackgroundHandling();
    const order: string[] = [];
    for (const id of ['a', 'b', 'c'])
      bg.run(async () => {
        order.push(id);
      }, true);
    order.push('acked');
    expect(bg.backlog).toBe(3);
    await bg.settled();
    expect(order).toEqual(['acked', 'a', 'b', 'c']);
    expect(bg.backlog).toBe(0);
  });

  test('once arrivals have been quiet for quietMs, quick deferred jobs are started many per turn, not one per turn', async () => {
    let t = 0;
    const bg = new BackgroundHandling({ quietMs: 50, now: () => t });
    let handled = 0;
    for (let i = 0; i < 1000; i++)
      bg.run(async () => {
        handled++;
      }, true);
    t = 50;
    const counter = turnCounter();
    await bg.settled();
    counter.stop();
    expect(handled).toBe(1000);
    expect(counter.turns).toBeLessThan(10);
  });

  test('once a slice has spent its budget, the loop turns (acknowledgements run) before the next job starts', async () => {
    let t = 0;
    const bg = new BackgroundHandling({ sliceMs: 10, quietMs: 0, startsPerTurn: 1, now: () => t++ });
    const order: string[] = [];
    for (let i = 0; i < 60; i++)
      bg.run(async () => {
        order.push('job');
      }, true);
    const counter = turnCounter(() => order.push('io'));
    await bg.settled();
    counter.stop();
    const runs = runsBetweenTurns(order);
    expect(order.filter((x) => x === 'job')).toHaveLength(60);
    expect(Math.max(...runs)).toBeLessThanOrEqual(10);
    expect(counter.turns).toBeGreaterThanOrEqual(6);
  });

  test('once quiet, startsPerTurn jobs that wait on I/O start in the same turn (their writes share a commit)', async () => {
    const bg = new BackgroundHandling({ quietMs: 0, startsPerTurn: 8, now: () => 0 });
    const order: string[] = [];
    for (let i = 0; i < 20; i++)
      bg.run(async () => {
        order.push('start');
        await new Promise((resolve) => setImmediate(resolve));
      }, true);
    const counter = turnCounter(() => order.push('io'));
    await bg.settled();
    counter.stop();
    expect(runsBetweenTurns(order).filter((n) => n > 0)).toEqual([8, 8, 4]);
  });

  test('a job waiting on I/O does not hold back the jobs behind it; settled() waits for it', async () => {
    const bg = new BackgroundHandling({ quietMs: 0, now: () => 0 });
    let release!: () => void;
    let slowDone = false;
    let quick = 0;
    bg.run(
      () =>
        new Promise<void>((r) => {
          release = () => {
            slowDone = true;
            r();
          };
        }),
      true,
    );
    for (let i = 0; i < 5; i++)
      bg.run(async () => {
        quick++;
      }, true);
    let settled = false;
    const waiting = bg.settled().then(() => {
      settled = true;
    });
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect(quick).toBe(5);
    expect(settled).toBe(false);
    release();
    await waiting;
    expect(slowDone).toBe(true);
  });

  test('while deferred messages keep arriving, handlers run one at a time with a loop turn between two (acks come first)', async () => {
    const bg = new BackgroundHandling({ quietMs: 50, now: () => 0 });
    const order: string[] = [];
    for (let i = 0; i < 20; i++)
      bg.run(async () => {
        order.push('start');
        // A handler's later step (a group-committed write) resolves in a later turn.
        await new Promise((r) => setImmediate(r));
        order.push('end');
      }, true);
    const counter = turnCounter(() => order.push('io'));
    await bg.settled();
    counter.stop();
    const steps = order.filter((x) => x !== 'io');
    expect(steps).toEqual(Array.from({ length: 20 }, () => ['start', 'end']).flat());
    const between = order
      .join(' ')
      .split('end')
      .slice(1, -1)
      .map((s) => s.split('start')[0]);
    expect(between.every((s) => s.includes('io'))).toBe(true);
  });

  test('while messages keep arriving, a handler waiting on I/O holds back the next one only for pressedWaitMs', async () => {
    const bg = new BackgroundHandling({ quietMs: 50, pressedWaitMs: 5, now: () => 0 });
    let release!: () => void;
    let quick = 0;
    bg.run(() => new Promise<void>((r) => (release = r)), true);
    for (let i = 0; i < 3; i++)
      bg.run(async () => {
        quick++;
      }, true);
    while (quick < 3) await new Promise((r) => setTimeout(r, 5));
    release();
    await bg.settled();
    expect(quick).toBe(3);
  });

  test('once arrivals are quiet, at most maxRunning handlers are in flight at once, and the whole backlog is handled', async () => {
    let t = 0;
    const bg = new BackgroundHandling({ quietMs: 50, maxRunning: 4, now: () => t });
    let inFlight = 0;
    let most = 0;
    let handled = 0;
    for (let i = 0; i < 40; i++)
      bg.run(async () => {
        most = Math.max(most, ++inFlight);
        // Waiting on I/O (a send, a download): the loop turns several times before it ends.
        await new Promise((r) => setTimeout(r, 1));
        inFlight--;
        handled++;
      }, true);
    t = 50;
    await bg.settled();
    expect(handled).toBe(40);
    expect(most).toBe(4);
  });

  test('a failing job neither stops the others nor leaves settled() hanging', async () => {
    const bg = new BackgroundHandling();
    let after = 0;
    bg.run(async () => {
      throw new Error('kaput');
    }, true);
    bg.run(async () => {
      after++;
    }, true);
    await bg.settled();
    expect(after).toBe(1);
  });
});
