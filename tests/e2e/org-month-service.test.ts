import ExcelJS from 'exceljs';
import { download, signIn } from '../dashboard/dashboard-fixture';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { cst, fire, jobRows } from '../jobs/jobs-fixture';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const PNG_B = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

async function sheetRows(body: Buffer, sheet: string): Promise<Array<Record<string, unknown>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as never);
  const ws = wb.getWorksheet(sheet)!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Array<Record<string, unknown>> = [];
  ws.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value ?? undefined])));
  });
  return rows;
}

/**
 * 奉献 over a week of two branches through /sim. Home 青山村 (g_home): 王书记, 张三, 李四, 赵五, 孙七. Host 广州流动
 * (g_host): 刘书记, 张三, 李四 (双报), 钱六, 周八. Task #1 at home, 10 分 学习, done by 张三 and 李四. Activity A1 at the
 * host, 3 places, 5 分: 张三, 李四, 钱六 get them, 周八 is refused; all three complete and are confirmed. Wish W2 at
 * home, 1 place, 3 分: 赵五 claims, 孙七 is refused; 赵五 completes and is confirmed.
 *
 * Hand count — home: 张三 学习 10, 李四 学习 10, 赵五 奉献 3 → 23. host: 张三, 李四, 钱六 奉献 5 each → 15.
 * Overall: 张三 15 (10 + 5), 李四 15 (10 + 5), 钱六 5 (0 + 5), 赵五 3 (0 + 3); 学习 20 + 奉献 18 = 38, six entries.
 */
describe('a scripted week of 奉献: a volunteer activity and a 微心愿 in two branches', () => {
  let rt: TestRuntime;
  const at = (local: string) => rt.clock.set(cst(local));
  beforeAll(async () => {
    rt = await testRuntime({}, cst('2026-11-30T09:00:00').toISOString());
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('Monday: branches, secretaries, members and a study task', async () => {
    await rt.say('u_admin', 'g_home', '绑定支部 青山村党支部 流出');
    await rt.say('u_admin', 'g_host', '绑定支部 广州流动党支部 流入');
    await rt.say('u_wang', 'g_home', '报到 王书记 广东广州');
    await rt.say('u_liu', 'g_host', '报到 刘书记 广东广州');
    await rt.say('u_admin', 'g_home', '设为书记 王书记');
    await rt.say('u_admin', 'g_host', '设为书记 刘书记');
    for (const [u, name] of [
      ['u_zhang', '张三'],
      ['u_li', '李四'],
    ]) {
      await rt.say(u, 'g_home', `报到 ${name} 广东广州`);
      await rt.say(u, 'g_host', `报到 ${name} 广东广州`);
    }
    await rt.say('u_zhao', 'g_home', '报到 赵五 广东深圳');
    await rt.say('u_sun', 'g_home', '报到 孙七 广东深圳');
    await rt.say('u_qian', 'g_host', '报到 钱六 广东广州');
    expect((await rt.say('u_zhou', 'g_host', '报到 周八 广东广州')).texts[0]).toContain('报到成功');
    await rt.say('u_wang', 'g_home', '发布任务 学习党章\n截止：周六 18:00\n分值：10\n证明：图片');
    await rt.say('u_zhang', 'g_home', '#1', { images: [PNG] });
    expect((await rt.say('u_li', 'g_home', '#1', { images: [PNG_B] })).texts[0]).toContain('+10 分');
  });

  test('Tuesday: an activity with 3 places, 4 members ask; bad input changes nothing', async () => {
    at('2026-12-01T10:00:00');
    const bad = await rt.say('u_qian', 'g_host', '发布活动 冒充书记\n时间：周六\n地点：村口\n名额：9\n分值：50');
    expect(bad.texts[0]).toContain('是支部书记的命令');
    const post = await rt.say(
      'u_liu',
      'g_host',
      '发布活动 社区义务清扫\n时间：12月5日 上午9点\n地点：天河区某社区\n名额：3\n分值：5',
    );
    expect(post.texts[0]).toContain('志愿活动 A1：社区义务清扫');
    for (const u of ['u_zhang', 'u_li', 'u_qian'])
      expect((await rt.say(u, 'g_host', '报名 A1')).texts[0]).toContain('已报名 A1');
    expect((await rt.say('u_zhou', 'g_host', '报名 A1')).texts[0]).toContain('3 个名额已满');
    expect((await rt.say('u_zhang', 'g_host', '报名 A1')).texts[0]).toContain('你已经报名过 A1');
    expect(await rt.services.store.service.list()).toHaveLength(1);
    expect(await rt.services.store.service.listClaims(1)).toHaveLength(3);
  });

  test('Wednesday: a 微心愿 at home, claimed by one, refused to the next', async () => {
    at('2026-12-02T10:00:00');
    expect((await rt.say('u_wang', 'g_home', '发布心愿 王奶奶想要一台收音机\n名额：1\n分值：3')).texts[0]).toContain(
      '微心愿 W2',
    );
    expect((await rt.say('u_zhao', 'g_home', '认领 W2')).texts[0]).toContain('已认领 W2');
    expect((await rt.say('u_sun', 'g_home', '认领 W2')).texts[0]).toContain('1 个名额已满');
    expect((await rt.say('u_zhang', 'g_host', '认领 W2')).texts[0]).toContain('没有找到本支部的 W2');
  });

  test('Saturday: completion with photos, confirmation by each branch secretary', async () => {
    at('2026-12-05T12:00:00');
    for (const u of ['u_zhang', 'u_li', 'u_qian'])
      expect((await rt.say(u, 'g_host', '完成 A1', { images: [PNG] })).texts[0]).toContain('完成证明');
    expect((await rt.say('u_zhao', 'g_home', '完成 W2 收音机已送到', { images: [PNG] })).texts[0]).toContain(
      '等待支部书记确认',
    );
    expect((await rt.say('u_zhang', 'g_host', '确认 A1 全部')).texts[0]).toContain('是支部书记的命令');
    const a1 = (await rt.say('u_liu', 'g_host', '确认 A1 全部')).texts[0];
    expect(a1.match(/\+5 分（奉献）/g)).toHaveLength(3);
    expect((await rt.say('u_wang', 'g_home', '确认 W2 赵五')).texts[0]).toContain('赵五：已确认，+3 分（奉献）');
    expect((await rt.say('u_liu', 'g_host', '确认 A1 全部')).texts[0]).toContain('积分不重复计算');
  });

  test('the ledger and the chat rankings match the hand count', async () => {
    const store = rt.services.store;
    const entries = await store.ledger.list();
    const sum = (list: typeof entries) => list.reduce((n, e) => n + e.delta, 0);
    expect(entries).toHaveLength(6);
    expect(sum(entries.filter((e) => e.category === 'service'))).toBe(18);
    expect(sum(entries.filter((e) => e.category !== 'service'))).toBe(20);
    const home = (await rt.say('u_wang', 'g_home', '排名')).texts[0];
    expect(home).toContain('1. 李四 10 分\n1. 张三 10 分\n3. 赵五 3 分（学习 0，奉献 3）');
    const hostService = (await rt.say('u_liu', 'g_host', '排名 奉献')).texts[0];
    expect(hostService).toContain('奉献积分排名（前 10）\n1. 李四 5 分\n1. 钱六 5 分\n1. 张三 5 分');
    expect((await rt.say('u_liu', 'g_host', '排名 学习')).texts[0]).toContain('还没有党员获得积分');
    expect((await rt.say('u_zhang', 'g_home', '积分')).texts[0]).toContain('累计 15 分（学习 10，奉献 5）');
  });

  test('Sunday 20:00: the ranking posts show the split', async () => {
    at('2026-12-06T20:00:00');
    await fire(rt, 'ranking-posts', '2026-12-06T20:00:00');
    const rows = jobRows(rt.services.store, 'ranking-posts');
    const home = rows.find((r) => r.chatId === 'g_home')!.text;
    const host = rows.find((r) => r.chatId === 'g_host')!.text;
    expect(home).toContain('1. 李四 10 分\n1. 张三 10 分\n3. 赵五 3 分（学习 0，奉献 3）\n支部人均：4.6 分（5 人）');
    expect(host).toContain(
      '1. 李四 5 分（学习 0，奉献 5）\n1. 钱六 5 分（学习 0，奉献 5）\n1. 张三 5 分（学习 0，奉献 5）',
    );
    expect(host).toContain('支部人均：3.0 分（5 人）');
  });

  test('the dashboard pages and exports agree with the hand count', async () => {
    const liu = await signIn(rt, 'u_liu');
    const list = await liu.get('/admin/service');
    expect(list.status).toBe(200);
    expect(list.text).toContain('社区义务清扫');
    expect(list.text).not.toContain('王奶奶');
    expect(list.text).toMatch(/id="service-points">15</);
    const detail = await liu.get('/admin/service/1');
    expect(detail.text.match(/已确认/g)).toHaveLength(3);
    expect(detail.text.match(/<img /g)).toHaveLength(3);
    const photo = /src="(\/admin\/service\/1\/media\/[0-9a-f]{64})"/.exec(detail.text)![1];
    expect((await liu.get(photo)).status).toBe(200);
    expect((await liu.get('/admin/service/2')).status).toBe(404);
    const admin = await signIn(rt, 'u_admin');
    const points = await admin.get('/admin/points');
    expect(points.text).toMatch(
      /张三<\/a><\/td>[\s\S]*?<td class="num">10<\/td><td class="num">5<\/td><td class="num">15<\/td>/,
    );
    const sheet = await sheetRows((await download(admin, '/admin/export/points.xlsx')).body, '积分汇总');
    const byName = (name: string) => sheet.find((r) => r['姓名'] === name);
    expect(byName('张三')).toMatchObject({ 累计积分: 15, 学习积分: 10, 奉献积分: 5 });
    expect(byName('钱六')).toMatchObject({ 累计积分: 5, 学习积分: 0, 奉献积分: 5 });
    expect(byName('赵五')).toMatchObject({ 累计积分: 3, 学习积分: 0, 奉献积分: 3 });
    const detailRows = await sheetRows((await download(admin, '/admin/export/points.xlsx')).body, '积分明细');
    expect(detailRows.filter((r) => r['类别'] === '奉献')).toHaveLength(4);
    const service = await sheetRows((await download(admin, '/admin/export/service.xlsx')).body, '活动和心愿');
    expect(service.map((r) => [r['编号'], r['已认领'], r['已确认'], r['奉献积分合计']])).toEqual([
      ['W2', 1, 1, 3],
      ['A1', 3, 3, 15],
    ]);
    const claims = await sheetRows((await download(admin, '/admin/export/service.xlsx')).body, '认领明细');
    expect(claims).toHaveLength(4);
    expect(claims.every((c) => c['状态'] === '已确认' && c['照片数'] === 1)).toBe(true);
  });
});
