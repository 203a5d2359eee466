import { cleanupTempDirs } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { FakeWecomApi } from '../platforms/wecom/helpers/fake-wecom-api';
import { appEnv } from '../platforms/wecom/helpers/wecom-env';
import { SendBreaker } from '../../src/outbox/send-breaker';

const QUEUED = 300;

describe('a send endpoint that is down', () => {
  let api: FakeWecomApi;
  let rt: TestRuntime;
  beforeAll(async () => {
    api = await new FakeWecomApi(() => rt.clock.now().getTime()).start();
    rt = await testRuntime({ ...appEnv(api.base), JOBS_ENABLED: 'false' });
  });
  afterAll(async () => {
    await rt.stop();
    await api.stop();
    cleanupTempDirs();
  });

  /** Moves the test clock on in 1-second steps, letting the outbox drain at each one. */
  async function run(seconds: number): Promise<void> {
    for (let s = 0; s < seconds; s++) {
      rt.clock.advance(1_000);
      await rt.outbox.drainOnce();
    }
  }

  test('costs a bounded number of sends per minute, not one per queued message, and the queue goes out once it is back', async () => {
    api.down = true;
    const ids: number[] = [];
    for (let i = 0; i < QUEUED; i++) {
      // One member each, so the per-member limits (30/min) never hold anything back.
      ids.push(
        (
          await rt.services.outbox.enqueue({
            target: { platform: 'wecom', chatId: `u${i}`, chatType: 'single' },
            text: `通知${i}`,
          })
        ).id,
      );
    }
    await rt.outbox.drainOnce();
    await run(5 * 60);
    const perMinute = [0, 1, 2, 3, 4].map(
      (m) =>
        api.downHits.filter(
          (h) =>
            h.at >= Date.parse('2026-12-01T02:00:00Z') + m * 60_000 &&
            h.at < Date.parse('2026-12-01T02:00:00Z') + (m + 1) * 60_000,
        ).length,
    );
    expect(Math.max(...perMinute)).toBeLessThanOrEqual(8);
    expect(perMinute.slice(2).every((n) => n <= 2)).toBe(true);
    api.down = false;
    await run(2 * 60);
    const statuses = await Promise.all(ids.map(async (id) => (await rt.services.store.outbox.get(id))?.status));
    expect(statuses.filter((s) => s !== 'sent')).toEqual([]);
    expect(new Set(api.calls('/cgi-bin/message/send').map((c) => c.body.touser)).size).toBe(QUEUED);
  }, 60_000);
});

describe('SendBreaker', () => {
  test('pauses a platform 2 s, then twice as long after each failed probe up to a minute; a success ends the pause', () => {
    const b = new SendBreaker();
    expect(b.tripped('wecom', 0)).toBe(2_000);
    expect(b.tripped('wecom', 1_000)).toBe(2_000);
    expect(b.blocked(1_999)).toEqual(['wecom']);
    expect(b.blocked(2_000)).toEqual([]);
    expect(b.tripped('wecom', 2_000)).toBe(6_000);
    let t = 6_000;
    const pauses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const next = b.tripped('wecom', t);
      pauses.push(next - t);
      t = next;
    }
    expect(pauses).toEqual([8_000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000, 60_000]);
    b.reached('wecom');
    expect(b.blocked(t - 1)).toEqual([]);
    expect(b.pausedUntil('dingtalk', 0)).toBeUndefined();
  });

  test('a platform is known to answer only after a send went through, and no longer once one found it down', () => {
    const b = new SendBreaker();
    expect(b.answers('wecom')).toBe(false);
    b.reached('wecom');
    expect([b.answers('wecom'), b.answers('dingtalk')]).toEqual([true, false]);
    b.tripped('wecom', 0);
    expect(b.answers('wecom')).toBe(false);
  });
});

describe('what counts as an unreachable endpoint', () => {
  test('network errors and 5xx trip the breaker on both platforms; throttling and refusals do not', async () => {
    const { toSendError } = await import('../../src/platforms/dingtalk/to-send-error');
    const { DingtalkApiError } = await import('../../src/platforms/dingtalk/dingtalk-api-error');
    const { callWecom } = await import('../../src/platforms/wecom/wecom-http');
    expect(toSendError(new TypeError('fetch failed')).options.unreachable).toBe(true);
    expect(toSendError(new DingtalkApiError(503, 'ServiceUnavailable', 'down')).options.unreachable).toBe(true);
    expect(toSendError(new DingtalkApiError(429, 'Throttling', 'slow down')).options.unreachable).toBeFalsy();
    expect(toSendError(new DingtalkApiError(400, 'too.many.group', 'busy')).options.unreachable).toBeFalsy();
    const api = await new FakeWecomApi().start();
    try {
      api.down = true;
      await expect(callWecom('send', `${api.base}/cgi-bin/message/send`, {})).rejects.toMatchObject({
        options: { unreachable: true },
      });
      api.down = false;
      await expect(
        callWecom('send', `${api.base}/cgi-bin/message/send?access_token=nope`, {}),
      ).rejects.not.toMatchObject({ options: { unreachable: true } });
    } finally {
      await api.stop();
    }
  });
});
