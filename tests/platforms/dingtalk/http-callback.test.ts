import request from 'supertest';
import { cleanupTempDirs } from '../../helpers/temp-dir';
import { dingtalkRuntime, type DingtalkRuntime } from './dingtalk-runtime';
import { fixture, signedHeaders } from './fixtures';

describe('POST /dingtalk/callback (HTTP mode)', () => {
  let d: DingtalkRuntime;
  const now = () => d.rt.clock.now().getTime();
  const stored = () => d.rt.services.store.inbox.count();
  beforeEach(async () => {
    d = await dingtalkRuntime();
  });
  afterEach(async () => {
    await d.close();
  });
  afterAll(cleanupTempDirs);

  test('a callback signed independently with the app secret is accepted, stored once and acknowledged with {"msgtype":"empty"}', async () => {
    const res = await d.post(fixture('text-group'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ msgtype: 'empty' });
    expect(await stored()).toBe(1);
    const again = await d.post(fixture('text-group'));
    expect(again.status).toBe(200);
    expect(await stored()).toBe(1);
    await d.settle();
  });

  test.each([
    ['a wrong sign', () => ({ ...signedHeaders('another-secret', now()) })],
    [
      'a URL-encoded sign',
      () => {
        const h = signedHeaders(d.fake.clientSecret, now());
        return { ...h, sign: encodeURIComponent(h.sign) };
      },
    ],
    ['a timestamp more than an hour old', () => signedHeaders(d.fake.clientSecret, now() - 3_600_001)],
    ['a timestamp more than an hour ahead', () => signedHeaders(d.fake.clientSecret, now() + 3_600_001)],
    ['no headers', () => ({})],
  ])('%s → 401 and nothing stored, not even metered', async (_label, headers) => {
    const h = headers() as Record<string, string>;
    const res = Object.keys(h).length
      ? await d.post(fixture('text-group'), h)
      : await request(d.rt.app.callback()).post('/dingtalk/callback').send(fixture('text-group'));
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: '签名校验失败', code: 'SIGNATURE_MISMATCH' });
    expect(await stored()).toBe(0);
    expect(await d.rt.services.store.counters.get(`dingtalk:${d.fake.clientId}:push:2026-12`)).toBe(0);
  });

  test('a signature exactly one hour old is still inside the window', async () => {
    expect((await d.post(fixture('text-group'), signedHeaders(d.fake.clientSecret, now() - 3_600_000))).status).toBe(
      200,
    );
    await d.settle();
  });

  test('the signature is checked before the body is read: a forged malformed body is 401, not 400', async () => {
    const res = await d.post('{not json', signedHeaders('forged', now()));
    expect(res.status).toBe(401);
  });

  test('a signed but malformed body → 400 naming the problem, nothing stored', async () => {
    expect((await d.post('{not json')).status).toBe(400);
    const noId = { ...fixture('text-group'), msgId: '' };
    const res = await d.post(noId);
    expect(res.status).toBe(400);
    expect(res.body.error).toContain('msgId');
    expect((await d.post({ ...fixture('text-group'), conversationType: 2 })).status).toBe(400);
    expect(await stored()).toBe(0);
  });

  test('an unhandled message type is acknowledged and not stored', async () => {
    expect((await d.post(fixture('unsupported-card'))).status).toBe(200);
    expect(await stored()).toBe(0);
  });

  test('/healthz shows the channel in HTTP mode; the route exists only in HTTP mode', async () => {
    const health = await request(d.rt.app.callback()).get('/healthz');
    expect(health.body.channels.dingtalk).toMatchObject({ state: 'http-callback', ok: true, detail: { mode: 'http' } });
    expect(d.rt.channels.find((c) => c.name === 'dingtalk')?.exclusive).toBe(false);
  });
});
