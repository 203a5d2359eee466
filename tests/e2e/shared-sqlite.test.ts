import { spawn } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { loadConfig } from '../../src/config/load-config';
import { fixedClock } from '../../src/core/clock';
import { createLogger } from '../../src/observability/logger';
import { createRuntime, type Runtime } from '../../src/runtime/create-runtime';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';

const ROOT = path.resolve(__dirname, '../..');
const target = { platform: 'sim' as const, chatId: 'g_load', chatType: 'group' as const };

/** Runs the claim worker in its own process; resolves with its claimed ids. */
function claimWorker(dataDir: string, owner: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/helpers/claim-worker.ts'), dataDir, owner], {
    cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  const ready = new Promise<void>((resolve) => child.stdout.on('data', (d) => { out += d; if (out.includes('ready\n')) resolve(); }));
  const done = new Promise<number[]>((resolve, reject) => child.on('exit', (code) => {
    if (code !== 0) reject(new Error(`claim worker ${owner} exited ${code}: ${err}`));
    else resolve(JSON.parse(out.split('\n').filter(Boolean).pop()!) as number[]);
  }));
  return { ready, done, go: () => child.stdin.end('go\n'), kill: () => child.kill('SIGKILL') };
}

describe('several instances on one SQLite file', () => {
  afterAll(cleanupTempDirs);

  test('two processes claiming the same outbox never claim one item twice (IMMEDIATE transactions)', async () => {
    const dir = tempDir('zhibu-claim-');
    const store = sqliteStore(dir);
    const ids: number[] = [];
    for (let i = 0; i < 1500; i++) ids.push((await store.outbox.enqueue({ target, text: `第${i}条` }, new Date(0))).id);
    await store.close();
    const workers = [claimWorker(dir, 'proc-a'), claimWorker(dir, 'proc-b')];
    try {
      await Promise.all(workers.map((w) => w.ready));
      for (const w of workers) w.go();
      const [a, b] = await Promise.all(workers.map((w) => w.done));
      expect(a.length).toBeGreaterThan(0);
      expect(b.length).toBeGreaterThan(0);
      expect(a.filter((id) => b.includes(id))).toEqual([]);
      expect([...a, ...b].sort((x, y) => x - y)).toEqual(ids);
    } finally {
      for (const w of workers) w.kill();
    }
  }, 60_000);

  describe('two runtimes (two bot instances) in one process', () => {
    let rts: Runtime[] = [];
    const clock = fixedClock('2026-12-01T02:00:00Z');
    beforeEach(async () => {
      const config = loadConfig({ DATA_DIR: tempDir('zhibu-two-'), ZHIBU_ADMINS: 'sim:u_admin', LOG_LEVEL: 'silent' });
      rts = [
        await createRuntime(config, { clock, log: createLogger('silent'), owner: 'instance-a' }),
        await createRuntime(config, { clock, log: createLogger('silent'), owner: 'instance-b' }),
      ];
    });
    afterEach(async () => { for (const rt of rts) await rt.stop(); });
    const say = (rt: Runtime, userId: string, text: string, msgId?: string) =>
      request(rt.app.callback()).post('/sim/api/messages').send({ chatId: 'g1', userId, userName: userId, text, msgId });

    test('a platform redelivery reaching the other instance is recognised as a duplicate', async () => {
      const [a, b] = rts;
      await say(a, 'u_admin', '绑定支部 青山村党支部 流出');
      await say(b, 'u_sec', '报到 王书记 广州');
      await say(a, 'u_admin', '设为书记 王书记');
      await say(b, 'u_a', '报到 张三 广州');
      await say(a, 'u_sec', '发布任务 学习党章\n截止：2099-12-07 18:00\n分值：10');
      // The same message id delivered to both instances at once, as a retried platform callback might be.
      const both = await Promise.all([say(a, 'u_a', '#1 学习了党章，体会很深，要在工作中发挥党员作用', 'm-1'), say(b, 'u_a', '#1 学习了党章，体会很深，要在工作中发挥党员作用', 'm-1')]);
      expect(both.map((r) => r.body.duplicate).sort()).toEqual([false, true]);
      const late = await say(b, 'u_a', '#1 学习了党章，体会很深，要在工作中发挥党员作用', 'm-1');
      expect(late.body.duplicate).toBe(true);
      const member = (await a.services.store.members.findByName('张三'))[0];
      expect(await a.services.store.ledger.listByMember(member.id)).toHaveLength(1);
      expect((await say(b, 'u_a', '积分')).body.replies[0].text).toContain('累计 10 分');
    });

    test('both outboxes draining at once send every message once', async () => {
      const [a, b] = rts;
      const enqueued = [];
      for (let i = 0; i < 200; i++) enqueued.push(await a.services.outbox.enqueue({ target, text: `提醒${i}` }));
      await Promise.all([a.services.outbox.drainOnce(), b.services.outbox.drainOnce(), a.services.outbox.drainOnce(), b.services.outbox.drainOnce()]);
      const log = await a.services.store.chatLog.list('sim', 'g_load', 1000);
      expect(log.map((e) => e.text).sort()).toEqual(enqueued.map((i) => i.text).sort());
      expect(await a.services.store.outbox.depth()).toBe(0);
    });
  });
});
