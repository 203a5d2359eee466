import { cleanupTempDirs, tempDir } from '../../helpers/temp-dir';
import { dingtalkRuntime, type DingtalkRuntime } from './dingtalk-runtime';
import { fixture, groupText, signedHeaders } from './fixtures';

/**
 * The `sign` header covers only the timestamp (KB 0718), so whoever sees one callback's headers (a proxy log, a
 * captured request) could send any body with them. Each (timestamp, sign) is therefore accepted once.
 */
describe('DingTalk HTTP callback: captured headers cannot be replayed', () => {
  let d: DingtalkRuntime;
  const stored = () => d.rt.services.store.inbox.count();
  beforeEach(async () => {
    d = await dingtalkRuntime();
  });
  afterEach(async () => {
    await d.close();
  });
  afterAll(cleanupTempDirs);

  test('headers seen once, sent again with another body → 401 and nothing stored', async () => {
    const headers = signedHeaders(d.fake.clientSecret, d.rt.clock.now().getTime() - 5_000);
    expect((await d.post(fixture('text-group'), headers)).status).toBe(200);
    const forged = groupText('staff_attacker', '攻击者', '加分 张三 100', 'msg-forged-1');
    const res = await d.post(forged, headers);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('SIGNATURE_MISMATCH');
    expect(await stored()).toBe(1);
    d.rt.clock.advance(30 * 60_000);
    expect((await d.post(forged, headers)).status).toBe(401);
    expect(await stored()).toBe(1);
    await d.settle();
  });

  test('a byte-identical redelivery with the same headers is acknowledged and stored once (the inbox dedupes it)', async () => {
    const headers = signedHeaders(d.fake.clientSecret, d.rt.clock.now().getTime());
    expect((await d.post(fixture('text-group'), headers)).status).toBe(200);
    expect((await d.post(fixture('text-group'), headers)).status).toBe(200);
    expect(await stored()).toBe(1);
    await d.settle();
  });

  test('a timestamp more than 5 minutes ahead of the server clock is refused (DingTalk signs with its current time)', async () => {
    const now = d.rt.clock.now().getTime();
    expect((await d.post(fixture('text-group'), signedHeaders(d.fake.clientSecret, now + 5 * 60_000 + 1))).status).toBe(
      401,
    );
    expect(await stored()).toBe(0);
    expect((await d.post(fixture('text-group'), signedHeaders(d.fake.clientSecret, now + 60_000))).status).toBe(200);
    await d.settle();
  });

  test('a message for another robot or another organization is refused and not stored', async () => {
    expect((await d.post({ ...fixture('text-group'), robotCode: 'ding-other-robot' })).status).toBe(401);
    expect((await d.post({ ...fixture('text-group'), chatbotCorpId: 'ding-other-corp' })).status).toBe(401);
    expect(await stored()).toBe(0);
    expect(await d.rt.services.store.counters.get(`dingtalk:${d.fake.clientId}:push:2026-12`)).toBe(0);
  });
});

describe('DingTalk HTTP callback replay across two instances on one store', () => {
  afterAll(cleanupTempDirs);
  test('headers used on instance A are refused on instance B with another body', async () => {
    const dir = tempDir('zhibu-replay-');
    const a = await dingtalkRuntime({ DATA_DIR: dir });
    const b = await dingtalkRuntime({ DATA_DIR: dir });
    try {
      const headers = signedHeaders(a.fake.clientSecret, a.rt.clock.now().getTime());
      expect((await a.post(fixture('text-group'), headers)).status).toBe(200);
      expect((await b.post(groupText('staff_x', 'x', '积分', 'msg-other'), headers)).status).toBe(401);
      expect(await b.rt.services.store.inbox.count()).toBe(1);
      await a.settle();
    } finally {
      await a.close();
      await b.close();
    }
  });
});
