import { Writable } from 'node:stream';
import request from 'supertest';
import { createLogger } from '../../src/observability/logger';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';

describe('health, metrics and logs', () => {
  let rt: TestRuntime;
  beforeAll(async () => { rt = await testRuntime(); });
  afterAll(async () => { await rt.stop(); cleanupTempDirs(); });

  test('/healthz reports the store and channels', async () => {
    const res = await request(rt.app.callback()).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', store: { kind: 'sqlite', ok: true }, outboxDepth: 0, channels: { sim: { ok: true } } });
  });

  test('/metrics counts messages in, submissions, outbox depth and handler latency', async () => {
    await rt.say('u_x', 'g', '帮助');
    const res = await request(rt.app.callback()).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/zhibu_messages_in_total\{platform="sim",duplicate="false"\} [1-9]/);
    expect(res.text).toContain('zhibu_outbox_depth 0');
    expect(res.text).toMatch(/zhibu_handler_duration_seconds_count\{platform="sim"\} [1-9]/);
    expect(res.text).toContain('# TYPE zhibu_submissions_total counter');
  });

  test('personal data is redacted from logs', () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
    const log = createLogger('info', sink);
    log.info({ member: { name: '张三', phone: '13800138000', familyNote: '母亲住院' }, text: '电话 13800138000' }, 'member updated');
    expect(lines.join('')).not.toContain('13800138000');
    expect(lines.join('')).not.toContain('母亲住院');
    expect(lines.join('')).toContain('[redacted]');
  });

  test('unknown routes are 404', async () => {
    expect((await request(rt.app.callback()).get('/nope')).status).toBe(404);
  });
});
