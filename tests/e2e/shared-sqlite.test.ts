import { startBotProcess, type BotProcess } from '../helpers/bot-process';
import { eventually } from '../helpers/fake-openai';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';
import { workerProcess } from '../helpers/worker-process';

const target = { platform: 'sim' as const, chatId: 'g_load', chatType: 'group' as const };

/** Runs the claim worker in its own process; resolves with its claimed ids. */
const claimWorker = (dataDir: string, owner: string) => workerProcess<number[]>('claim-worker.ts', [dataDir, owner]);

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

  describe('two bot instances: two `zhibu serve` processes on one DATA_DIR', () => {
    const bots: BotProcess[] = [];
    let dataDir: string;
    beforeAll(async () => {
      dataDir = tempDir('zhibu-two-');
      const env = { DATA_DIR: dataDir, ZHIBU_ADMINS: 'sim:u_admin', JOBS_ENABLED: 'false' };
      bots.push(await startBotProcess(env), await startBotProcess(env));
    }, 300_000);
    afterAll(async () => {
      await Promise.all(bots.map((b) => b.kill('SIGTERM')));
    });
    const say = async (bot: BotProcess, userId: string, text: string, msgId?: string) =>
      (await bot.post('/sim/api/messages', { chatId: 'g1', userId, userName: userId, text, msgId })).body;

    test('a platform redelivery reaching the other instance is recognised as a duplicate', async () => {
      const [a, b] = bots;
      await say(a, 'u_admin', '绑定支部 青山村党支部 流出');
      await say(b, 'u_sec', '报到 王书记 广州');
      await say(a, 'u_admin', '设为书记 王书记');
      await say(b, 'u_a', '报到 张三 广州');
      await say(a, 'u_sec', '发布任务 学习党章\n截止：2099-12-07 18:00\n分值：10');
      // The same message id delivered to both instances at once, as a retried platform callback might be.
      const note = '#1 学习了党章，体会很深，要在工作中发挥党员作用';
      const both = await Promise.all([say(a, 'u_a', note, 'm-1'), say(b, 'u_a', note, 'm-1')]);
      expect(both.map((r) => r.duplicate).sort()).toEqual([false, true]);
      expect((await say(b, 'u_a', note, 'm-1')).duplicate).toBe(true);
      const store = sqliteStore(dataDir);
      try {
        expect(store.db.prepare('SELECT COUNT(*) AS n FROM ledger').get()).toEqual({ n: 1 });
      } finally {
        await store.close();
      }
      expect((await say(b, 'u_a', '积分')).replies[0].text).toContain('累计 10 分');
    });

    test('both outboxes draining at once send every message once', async () => {
      const store = sqliteStore(dataDir);
      try {
        const texts: string[] = [];
        for (let i = 0; i < 200; i++)
          texts.push((await store.outbox.enqueue({ target, text: `提醒${i}` }, new Date())).text);
        await eventually(async () => (await store.outbox.depth()) === 0, 6000);
        const log = await store.chatLog.list('sim', 'g_load', 1000);
        expect(log.map((e) => e.text).sort()).toEqual(texts.sort());
      } finally {
        await store.close();
      }
    });
  });
});
