import { SIM_UPLOAD_LIMITS, reserveSimUploads } from '../../src/platforms/sim/upload-quota';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
).toString('base64');

/** Anyone who can reach /sim picks a user id: what one user may store per day is bounded. */
describe('simulator upload limits', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime();
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('past the per-user count a message with attachments is refused with 400 and nothing of it is handled', async () => {
    const perMessage = 9;
    const fits = Math.floor(SIM_UPLOAD_LIMITS.filesPerUser / perMessage);
    for (let i = 0; i < fits; i++)
      expect((await rt.say('u_flood', 'g1', `图${i}`, { images: Array(perMessage).fill(PNG) })).status).toBe(200);
    const inbox = await rt.services.store.inbox.count();
    const refused = await rt.say('u_flood', 'g1', '再来', { images: Array(perMessage).fill(PNG) });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toContain(`每个用户每天最多上传 ${SIM_UPLOAD_LIMITS.filesPerUser} 个附件`);
    expect(await rt.services.store.inbox.count()).toBe(inbox);
    expect((await rt.say('u_flood', 'g1', '只发文字')).status).toBe(200);
    expect((await rt.say('u_other', 'g1', '别人', { images: [PNG] })).status).toBe(200);
    rt.clock.advance(24 * 3_600_000);
    expect((await rt.say('u_flood', 'g1', '第二天', { images: [PNG] })).status).toBe(200);
  });

  test('bytes per user are capped too, and a refused reservation gives its room back', async () => {
    const store = sqliteStore(tempDir('zhibu-quota-'));
    const now = new Date('2026-12-01T02:00:00Z');
    const mb = 1024 * 1024;
    expect(await reserveSimUploads(store.counters, 'u', [30 * mb], now)).toBeUndefined();
    expect(await reserveSimUploads(store.counters, 'u', [30 * mb], now)).toContain('MB');
    expect(await reserveSimUploads(store.counters, 'u', [20 * mb], now)).toBeUndefined();
    expect(await store.counters.get('sim-upload-files:2026-12-01:u')).toBe(2);
    await store.close();
  });
});
