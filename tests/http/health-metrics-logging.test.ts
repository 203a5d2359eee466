import { Writable } from 'node:stream';
import request from 'supertest';
import { createLogger } from '../../src/observability/logger';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { seedBranches, testRuntime, type TestRuntime } from '../helpers/test-runtime';

describe('health, metrics and logs', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime();
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('/healthz reports the store and channels', async () => {
    const res = await request(rt.app.callback()).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      store: { kind: 'sqlite', ok: true },
      outboxDepth: 0,
      channels: { sim: { ok: true } },
    });
  });

  test('a channel path asked with a method it does not take is 405 naming the allowed ones; an unknown path is 404', async () => {
    const server = rt.app.callback();
    const put = await request(server).put('/sim/api/messages').send({});
    expect(put.status).toBe(405);
    expect(put.headers.allow).toContain('POST');
    expect((await request(server).delete('/healthz')).status).toBe(405);
    expect((await request(server).get('/no-such-page')).status).toBe(404);
  });

  test('/metrics counters count: one per message, duplicate or not, per submission, and the outbox depth follows the queue', async () => {
    const before = await scrape();
    await rt.say('u_x', 'g', '帮助', { msgId: 'metrics-1' });
    await rt.say('u_x', 'g', '帮助', { msgId: 'metrics-1' });
    const afterTwo = await scrape();
    expect(
      afterTwo('zhibu_messages_in_total', 'platform="sim",duplicate="false"') -
        before('zhibu_messages_in_total', 'platform="sim",duplicate="false"'),
    ).toBe(1);
    expect(
      afterTwo('zhibu_messages_in_total', 'platform="sim",duplicate="true"') -
        before('zhibu_messages_in_total', 'platform="sim",duplicate="true"'),
    ).toBe(1);
    expect(
      afterTwo('zhibu_handler_duration_seconds_count', 'platform="sim"') -
        before('zhibu_handler_duration_seconds_count', 'platform="sim"'),
    ).toBe(1);

    await seedBranches(rt);
    await rt.say('u_a', 'g_home', '报到 张三 广州');
    await rt.say('u_sec', 'g_home', '发布任务 学习党章\n截止：2099-12-07 18:00\n分值：10');
    const beforeProof = await scrape();
    await rt.say('u_a', 'g_home', '#1 认真学习了党章，体会到党员要在外出务工中发挥先锋模范作用');
    expect((await scrape())('zhibu_submissions_total') - beforeProof('zhibu_submissions_total')).toBe(1);

    await rt.outbox.drainOnce();
    expect((await scrape())('zhibu_outbox_depth')).toBe(0);
    const target = { platform: 'sim' as const, chatId: 'g_metrics', chatType: 'group' as const };
    for (const text of ['一', '二', '三']) await rt.services.store.outbox.enqueue({ target, text }, rt.clock.now());
    expect((await scrape())('zhibu_outbox_depth')).toBe(3);
    await rt.outbox.drainOnce();
    expect((await scrape())('zhibu_outbox_depth')).toBe(0);
  });

  /** Reads /metrics once; the returned function sums the samples of a metric whose labels contain `labels`. */
  async function scrape(): Promise<(name: string, labels?: string) => number> {
    const res = await request(rt.app.callback()).get('/metrics');
    expect(res.status).toBe(200);
    const samples = res.text.split('\n').filter((line) => line && !line.startsWith('#'));
    return (name, labels = '') =>
      samples
        .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
        .filter((line) => line.includes(labels))
        .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  }

  test('personal data is redacted from logs', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const log = createLogger('info', sink);
    log.info(
      { member: { name: '张三', phone: '13800138000', familyNote: '母亲住院' }, text: '电话 13800138000' },
      'member updated',
    );
    expect(lines.join('')).not.toContain('13800138000');
    expect(lines.join('')).not.toContain('母亲住院');
    expect(lines.join('')).toContain('[redacted]');
  });

  test('unknown routes are 404', async () => {
    expect((await request(rt.app.callback()).get('/nope')).status).toBe(404);
  });
});
