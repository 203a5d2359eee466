import { startBotProcess, type BotProcess } from '../helpers/bot-process';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';

type Log = Array<{ from: string; text: string }>;

/** Polls until `check` holds or the bound runs out (the processes send on their own 1 s outbox timers). */
async function eventually(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('two bot processes on one DATA_DIR', () => {
  const bots: BotProcess[] = [];
  afterAll(async () => {
    await Promise.all(bots.map((b) => b.kill('SIGKILL')));
    cleanupTempDirs();
  });

  test('every message is handled once, every outbox message is sent once, every job fire runs once', async () => {
    const env = { DATA_DIR: tempDir('zhibu-2proc-'), ZHIBU_ADMINS: 'sim:u_admin' };
    // Started together: both apply migrations to the same new file at the same moment.
    bots.push(...(await Promise.all([startBotProcess(env), startBotProcess(env)])));
    const [a, b] = bots;
    const say = async (bot: BotProcess, userId: string, text: string, extra: object = {}) =>
      (await bot.post('/sim/api/messages', { chatId: 'g_home', userId, userName: userId, text, ...extra })).body;

    await say(a, 'u_admin', '绑定支部 青山村党支部 流出');
    await say(b, 'u_sec', '报到 王书记 广州');
    await say(a, 'u_admin', '设为书记 王书记');
    const members = ['张三', '李四', '王五', '赵六', '钱七', '孙八'];
    for (const [i, name] of members.entries()) await say(i % 2 ? a : b, `u_${i}`, `报到 ${name} 广州`);
    expect((await say(b, 'u_sec', '发布任务 学习党章\n截止：2099-12-07 18:00\n分值：10')).replies[0].text).toContain(
      '#1',
    );
    // Every member submits twice, once through each process, with one message id: a redelivery to the other instance.
    // Each writes their own note (near-identical notes from different members are held for review as copies).
    const notes = [
      '#1 认真学习了党章第一章，体会到党员要在外出务工中发挥先锋模范作用',
      '#1 在工地休息时读了公报原文，以后要带头遵守安全规定，帮助新来的工友',
      '#1 这周参加了社区的学习会，明白了流动党员也要按时过组织生活',
      '#1 给家里的孩子讲了党史故事，孩子听得很认真，我也重温了入党誓词',
      '#1 送外卖的间隙用手机听了讲座，记下了三条体会准备在支部会上交流',
      '#1 和老乡们一起观看了专题片，大家讨论了怎样在城市里发挥党员作用',
    ];
    const results = await Promise.all(
      members.flatMap((_, i) => [a, b].map((bot) => say(bot, `u_${i}`, notes[i], { msgId: `proof-${i}` }))),
    );
    expect(results.filter((r) => r.duplicate === false)).toHaveLength(members.length);
    expect((await say(a, 'u_3', '积分')).replies[0].text).toContain('累计 10 分');

    // A burst queued for both processes' outbox timers to race for.
    const store = sqliteStore(env.DATA_DIR);
    try {
      for (let i = 0; i < 150; i++)
        await store.outbox.enqueue(
          { target: { platform: 'sim', chatId: 'g_burst', chatType: 'group' }, text: `提醒 ${i}` },
          new Date(),
        );
      await eventually(async () => (await store.outbox.depth()) === 0);
      const sent = store.db
        .prepare("SELECT chat_id AS chatId, text, claimed_by AS owner FROM outbox WHERE status = 'sent'")
        .all() as Array<{ chatId: string; text: string; owner: string }>;
      expect(store.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status <> 'sent'").get()).toEqual({ n: 0 });
      for (const chatId of ['g_home', 'g_burst']) {
        const log = ((await a.get(`/sim/api/chats/${chatId}/messages`)).body.messages as Log).filter(
          (m) => m.from === 'bot',
        );
        // Sent once each: the chat transcript gets one line per send, so a double send would show up here.
        expect(log.map((m) => m.text).sort()).toEqual(
          sent
            .filter((s) => s.chatId === chatId)
            .map((s) => s.text)
            .sort(),
        );
      }
      expect(new Set(sent.map((s) => s.owner.split(':')[1])).size).toBe(2);
      const ledger = store.db.prepare('SELECT member_id, COUNT(*) AS n FROM ledger GROUP BY member_id').all() as Array<{
        n: number;
      }>;
      expect(ledger).toHaveLength(members.length);
      expect(ledger.every((row) => row.n === 1)).toBe(true);
      // Both schedulers swept the same missed fires at start-up (every 5 minutes, 15 minutes back): each ran once.
      const runs = store.db.prepare('SELECT job, fire_at AS fireAt, status, attempts FROM job_runs').all() as Array<{
        job: string;
        status: string;
        attempts: number;
      }>;
      expect(runs.filter((r) => r.job === 'weekly-push').length).toBeGreaterThanOrEqual(2);
      expect(runs.filter((r) => r.status !== 'done' || r.attempts !== 1)).toEqual([]);
    } finally {
      await store.close();
    }
  }, 300_000);
});
