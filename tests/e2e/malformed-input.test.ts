import request from 'supertest';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { seedBranches, testRuntime, type TestRuntime } from '../helpers/test-runtime';

describe('malformed input gets a clear answer and changes nothing', () => {
  let rt: TestRuntime;
  const tasks = async () =>
    (await rt.services.store.tasks.listByBranches((await rt.services.store.branches.list()).map((b) => b.id))).length;
  beforeAll(async () => {
    rt = await testRuntime();
    await seedBranches(rt);
    await rt.say('u_a', 'g_home', '报到 张三 广州');
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('bad date: names the field and shows the form', async () => {
    const r = await rt.say('u_sec', 'g_home', '发布任务 学习\n截止：12月7号');
    expect(r.texts[0]).toContain('格式不对：截止时间「12月7号」看不懂。可以这样写：2026-12-31 18:00');
    expect(r.texts[0]).toContain('正确格式：发布任务 <标题>');
    expect(await tasks()).toBe(0);
  });

  test('unknown field', async () => {
    const r = await rt.say('u_sec', 'g_home', '发布任务 学习\n截止：2026-12-07 18:00\n奖品：红旗');
    expect(r.texts[0]).toContain('不认识的字段「奖品」');
    expect(await tasks()).toBe(0);
  });

  test('a member issuing 发布任务 is refused politely', async () => {
    const r = await rt.say('u_a', 'g_home', '发布任务 学习\n截止：2026-12-07 18:00');
    expect(r.texts[0]).toBe('抱歉，「发布任务」是支部书记的命令，你暂时没有权限。如有需要请联系本支部书记。');
    expect(await tasks()).toBe(0);
  });

  test("a secretary of one branch cannot act in another branch's group", async () => {
    const r = await rt.say('u_sec', 'g_host', '发布任务 学习\n截止：2026-12-07 18:00');
    expect(r.texts[0]).toContain('你暂时没有权限');
    expect(await tasks()).toBe(0);
  });

  test('check-in with a bad month or phone', async () => {
    expect((await rt.say('u_q', 'g_home', '报到 钱七 广州 出生：九零年')).texts[0]).toContain('「出生」应为 YYYY-MM');
    expect((await rt.say('u_q', 'g_home', '报到 钱七 广州 电话：12345')).texts[0]).toContain(
      '「电话」应为 11 位手机号',
    );
    expect((await rt.say('u_q', 'g_home', '报到 钱七')).texts[0]).toContain('缺少流入地');
    expect(await rt.services.store.members.findByName('钱七')).toEqual([]);
  });

  test('加分 validation', async () => {
    expect((await rt.say('u_sec', 'g_home', '加分 张三 一百 志愿服务')).texts[0]).toContain('分值应为 1–100 的整数');
    expect((await rt.say('u_sec', 'g_home', '加分 张三 5')).texts[0]).toContain('缺少理由');
    expect((await rt.say('u_sec', 'g_home', '加分 路人 5 志愿')).texts[0]).toContain('本支部没有名叫「路人」的党员');
    expect(await rt.services.store.ledger.list()).toEqual([]);
  });

  test('non-JSON body → 400, oversized body → 413, schema errors → 400 naming the field', async () => {
    const app = rt.app.callback();
    const bad = await request(app)
      .post('/sim/api/messages')
      .set('content-type', 'application/json')
      .send('{"chatId": ');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('JSON');
    const big = await request(app)
      .post('/sim/api/messages')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ chatId: 'g', userId: 'u', text: 'x', images: ['A'.repeat(5 * 1024 * 1024)] }));
    expect(big.status).toBe(413);
    const noUser = await request(app).post('/sim/api/messages').send({ chatId: 'g', text: '帮助' });
    expect(noUser.status).toBe(400);
    expect(noUser.body.error).toContain('userId');
    const extra = await request(app)
      .post('/sim/api/messages')
      .send({ chatId: 'g', userId: 'u', text: 'x', admin: true });
    expect(extra.status).toBe(400);
    const notImage = await request(app)
      .post('/sim/api/messages')
      .send({ chatId: 'g', userId: 'u', images: [Buffer.from('hello').toString('base64')] });
    expect(notImage.status).toBe(400);
    expect(notImage.body.error).toContain('images[0]');
    expect(await rt.services.store.inbox.count()).toBeGreaterThan(0);
  });

  test('odd texts get a clear Chinese answer or none, store nothing, and the bot keeps serving', async () => {
    const before = tableCounts();
    const odd = ['#', '#99999', '排名 明年', '统计', '通过 S', '驳回 S1', '报到 ' + 'x'.repeat(500), '\u0000\u0001'];
    let replies = 0;
    for (const [i, text] of odd.entries()) {
      const r = await rt.say('u_sec', 'g_home', text, { msgId: `odd-${i}` });
      replies += r.replies.length;
      expect(r.status).toBe(200);
      // Handled, not crashed: the handler finished and did not fall back to the generic error answer.
      const row = db().prepare('SELECT status, error FROM inbox WHERE key = ?').get(`sim:odd-${i}`);
      expect({ text, row }).toEqual({ text, row: { status: 'done', error: null } });
      for (const reply of r.texts) {
        expect(reply).toMatch(/[\u4e00-\u9fff]/);
        expect(reply).not.toContain('处理这条消息时出错了');
      }
    }
    // Only the message logs move (each message in, each reply out); no member, task, submission, point, check-in
    // or pending state appears.
    await rt.outbox.drainOnce();
    expect(tableCounts()).toEqual({
      ...before,
      inbox: before.inbox + odd.length,
      outbox: before.outbox + replies,
      chat_log: before.chat_log + odd.length + replies,
    });
    expect((await request(rt.app.callback()).get('/healthz')).body.status).toBe('ok');
  });

  const db = () => (rt.services.store as unknown as { db: import('better-sqlite3').Database }).db;
  function tableCounts(): Record<string, number> {
    const tables = db()
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as Array<{ name: string }>;
    return Object.fromEntries(
      tables.map(({ name }) => [name, (db().prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]),
    );
  }
});
