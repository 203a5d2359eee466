import { Arrivals } from '../../src/bot/arrivals';

describe('Arrivals', () => {
  test('busy for quietMs after each arrival, quiet before the first', () => {
    let t = 0;
    const a = new Arrivals(50, () => t);
    expect(a.busy()).toBe(false);
    a.note();
    t = 49;
    expect(a.busy()).toBe(true);
    t = 50;
    expect(a.busy()).toBe(false);
  });

  test('calm() resolves at once when quiet, and only after quietMs without arrivals when busy', async () => {
    let t = 0;
    const a = new Arrivals(20, () => t);
    await a.calm();
    a.note();
    let calm = false;
    const waiting = a.calm().then(() => (calm = true));
    // Arrivals keep coming while real timers fire: still not calm.
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      t += 10;
      a.note();
    }
    expect(calm).toBe(false);
    t += 20;
    await waiting;
    expect(calm).toBe(true);
  });

  test('calm() also waits for the accepted messages still to be handled, at most maxWaitMs', async () => {
    const a = new Arrivals(5, () => 1000);
    let backlog = 3;
    a.countBacklog(() => backlog);
    let calm = false;
    const waiting = a.calm().then(() => (calm = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(calm).toBe(false);
    backlog = 0;
    await waiting;
    expect(calm).toBe(true);
    backlog = 1;
    await a.calm(20);
  });
});
