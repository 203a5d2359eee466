import { quotaWarningText } from '../../../src/platforms/dingtalk/quota-warning';
import { cleanupTempDirs } from '../../helpers/temp-dir';
import { senderHarness } from './sender-harness';

describe('DingTalk monthly quota meter', () => {
  afterAll(cleanupTempDirs);

  test('counts per kind and natural month (China time) durably, warning once at the threshold and once at the quota', async () => {
    const h = await senderHarness({ push: 10, api: 100 });
    for (let i = 0; i < 12; i++) await h.meter.record('push');
    expect(await h.meter.used('push')).toBe(12);
    expect(h.warnings.map((w) => [w.kind, w.level, w.used, w.month])).toEqual([
      ['push', 8, 8, '2026-12'],
      ['push', 10, 10, '2026-12'],
    ]);
    // 2026-12-31T16:00Z is already January 1st in Asia/Shanghai: a new month starts from zero.
    h.clock.set('2026-12-31T16:00:00.000Z');
    expect(await h.meter.record('push')).toBe(1);
    expect(await h.meter.used('api')).toBe(0);
    expect(await h.store.counters.get(`dingtalk:${h.fake.clientId}:push:2026-12`)).toBe(12);
    await h.close();
  });

  test('a batch that jumps over both levels warns for each', async () => {
    const h = await senderHarness({ push: 10, api: 100 });
    await h.meter.record('push', 7);
    await h.meter.record('push', 5);
    expect(h.warnings.map((w) => w.level)).toEqual([8, 10]);
    await h.close();
  });

  test('the warning says what runs out, when it comes back and what to do', () => {
    const soon = quotaWarningText({ kind: 'push', month: '2026-12', used: 2400, quota: 3000, level: 2400 });
    expect(soon).toContain('2400/3000 次（80%）');
    expect(soon).toContain('下月 1 日');
    expect(soon).toContain('资源管理');
    expect(quotaWarningText({ kind: 'api', month: '2026-12', used: 5000, quota: 5000, level: 5000 })).toContain(
      '⛔ 钉钉额度已用完',
    );
  });
});
