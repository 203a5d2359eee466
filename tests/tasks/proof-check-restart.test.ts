import { Writable } from 'node:stream';
import pino from 'pino';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';
import { seedBranches, testRuntime } from '../helpers/test-runtime';
import { screenshotPng } from '../helpers/proof-images';
import { probeTesseract } from '../../src/tasks/proof-checks/tesseract-ocr';

const TASK = '发布任务 学习强国打卡\n截止：2026-12-07 18:00\n分值：10\n证明：截图\n关键词：学习强国';

afterAll(cleanupTempDirs);

test('a check still pending when the process stops is resumed by the next runtime on the same SQLite file', async () => {
  const dataDir = tempDir('zhibu-resume-');
  // Workers 0: this instance queues checks and runs none, so the check is certainly pending when it stops.
  const first = await testRuntime({ DATA_DIR: dataDir, PROOF_CHECK_WORKERS: '0' });
  await seedBranches(first);
  await first.say('u_a', 'g_home', '报到 张三 广州');
  await first.say('u_sec', 'g_home', TASK);
  const old = await screenshotPng(['2026-11-02 14:30', '学习强国 今日积分 35']);
  expect((await first.say('u_a', 'g_home', '#1', { images: [old] })).texts[0]).toContain('+10 分');
  await first.proofChecks.idle();
  expect(await first.services.store.proofChecks.listPending(10)).toHaveLength(1);
  await first.stop();

  const second = await testRuntime({ DATA_DIR: dataDir }, '2026-12-01T03:00:00.000Z');
  try {
    await second.start(0);
    await second.proofChecks.idle();
    const store = second.services.store;
    expect(await store.proofChecks.listPending(10)).toEqual([]);
    const memberId = (await store.identities.find('sim', 'u_a'))!.memberId;
    const s = (await store.submissions.find(1, memberId))!;
    expect(s.status).toBe('flagged');
    expect((await store.proofChecks.get(s.id, s.sourceKey))!.doubts[0].code).toBe('taken-before-task');
    expect((await store.ledger.listBySubmission(s.id)).map((e) => e.delta)).toEqual([10, -10]);
  } finally {
    await second.stop();
  }
});

test('without tesseract the bot says so at start and skips the screenshot checks (other checks still run)', async () => {
  const lines: string[] = [];
  const log = pino({ level: 'warn' }, new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) }));
  expect(await probeTesseract('/nonexistent/tesseract', log)).toBeUndefined();
  expect(lines.join('')).toContain('screenshot OCR is unavailable');
  expect(await probeTesseract('tesseract', log)).toBeDefined();

  const rt = await testRuntime({ OCR_TESSERACT_PATH: '/nonexistent/tesseract' });
  try {
    await seedBranches(rt);
    await rt.say('u_a', 'g_home', '报到 张三 广州');
    await rt.say('u_sec', 'g_home', TASK);
    const old = await screenshotPng(['2026-11-02 14:30', '今日步数 8000']);
    await rt.say('u_a', 'g_home', '#1', { images: [old] });
    await rt.proofChecks.idle();
    const memberId = (await rt.services.store.identities.find('sim', 'u_a'))!.memberId;
    const s = (await rt.services.store.submissions.find(1, memberId))!;
    expect(s.status).toBe('accepted');
    expect(await rt.services.store.proofChecks.get(s.id, s.sourceKey)).toMatchObject({ status: 'done', doubts: [] });
  } finally {
    await rt.stop();
  }
});
