import ExcelJS from 'exceljs';
import { download, signIn, type Session } from '../dashboard/dashboard-fixture';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { cst, fire, jobRows } from '../jobs/jobs-fixture';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

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
 * A month of organizational life through /sim. Home 青山村 (g_home): 王书记 (secretary), 张三, 李四, 赵五, 孙七, 周八 —
 * six members. Host 广州流动 (g_host): 刘书记 (secretary), 张三 (双报), 钱六.
 * M1 支部党员大会 (home, 5 分, photo required): 王书记 张三 李四 赵五 孙七 sign in, 周八 on leave.
 * M2 支委会 (host, 3 分, online): 刘书记, 钱六 and 张三 (a 双报 member attends his host branch's meeting) sign in.
 *
 * Hand count — home: 5 × 5 = 25 (张三 李四 赵五 孙七 王书记 5 each, 周八 0). host: 3 × 3 = 9.
 * 张三: 5 + 3 = 8. 三会一课, home, 2026 Q4 on 12-14: 支部党员大会 1/1, 支委会 0/3, 党小组会 0/3, 党课 0/1.
 */
describe('a scripted month of meetings: two branches, sign-in, leave, points, 三会一课', () => {
  let rt: TestRuntime;
  let sec: Session;
  const at = (local: string) => rt.clock.set(cst(local));
  const first = async (u: string, chat: string, text: string, extra?: Record<string, unknown>) =>
    (await rt.say(u, chat, text, extra)).texts[0];
  const homeMembers = [
    ['u_zhang', '张三'],
    ['u_li', '李四'],
    ['u_zhao', '赵五'],
    ['u_sun', '孙七'],
    ['u_zhou', '周八'],
  ];

  beforeAll(async () => {
    rt = await testRuntime({}, cst('2026-12-01T09:00:00').toISOString());
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('day 1: branches, secretaries and check-ins', async () => {
    await rt.say('u_admin', 'g_home', '绑定支部 青山村党支部 流出');
    await rt.say('u_admin', 'g_host', '绑定支部 广州流动党支部 流入');
    await rt.say('u_wang', 'g_home', '报到 王书记 广东广州');
    await rt.say('u_liu', 'g_host', '报到 刘书记 广东广州');
    await rt.say('u_admin', 'g_home', '设为书记 王书记');
    await rt.say('u_admin', 'g_host', '设为书记 刘书记');
    for (const [u, name] of homeMembers) await rt.say(u, 'g_home', `报到 ${name} 广东广州`);
    await rt.say('u_zhang', 'g_host', '报到 张三 广东广州');
    expect(await first('u_qian', 'g_host', '报到 钱六 广东广州')).toContain('报到成功');
  });

  test('day 1: bad input gets the form back and schedules nothing', async () => {
    const form =
      '安排会议 学习全会精神\n类型：支部党员大会\n时间：12月8日 下午2点至4点\n地点：村委会会议室\n签到：开始前30分钟至结束，需拍照\n分值：5';
    expect(await first('u_zhang', 'g_home', form)).toContain('是支部书记的命令');
    expect(
      await first('u_wang', 'g_home', form.replace('12月8日', '今天 上午8点').replace(' 下午2点至4点', '')),
    ).toContain('已经过去了');
    expect(await first('u_wang', 'g_home', form.replace('支部党员大会', '大会'))).toContain('会议类型「大会」不认识');
    expect(await rt.services.store.meetings.list()).toEqual([]);
    expect(await first('u_wang', 'g_home', form)).toContain('会议通知 M1《学习全会精神》');
    const host =
      '安排会议 支委会\n类型：支委会\n时间：12月9日 20:00-21:00\n线上：https://meeting.example/j/42\n分值：3';
    expect(await first('u_liu', 'g_host', host)).toContain('会议通知 M2《支委会》');
  });

  test('day 8: sign-in in the window, one leave; outside the window and a second sign-in change nothing', async () => {
    at('2026-12-08T13:00:00');
    expect(await first('u_zhang', 'g_home', '签到 M1', { images: [PNG] })).toContain('还没到签到时间');
    at('2026-12-08T13:45:00');
    await rt.say('u_wang', 'g_home', '签到 M1', { images: [PNG] });
    for (const [u] of homeMembers.slice(0, 4))
      expect(await first(u, 'g_home', '签到 M1', { images: [PNG] })).toContain('已签到 M1');
    expect(await first('u_zhou', 'g_home', '请假 M1 在广州加班，会后补学')).toContain('已记录 周八 请假 M1');
    expect(await first('u_zhang', 'g_home', '签到 M1', { images: [PNG] })).toContain('无需重复签到');
    expect(await first('u_qian', 'g_host', '签到 M1')).toContain('没有找到你所在支部的会议 M1');
    at('2026-12-08T16:01:00');
    expect(await first('u_zhou', 'g_home', '签到 M1', { images: [PNG] })).toContain('签到已结束');
  });

  test('day 9: the host branch meets online; the 双报 member attends it too', async () => {
    at('2026-12-09T19:50:00');
    for (const u of ['u_liu', 'u_qian', 'u_zhang'])
      expect(await first(u, 'g_host', '签到 M2')).toContain('已签到 M2《支委会》，记 3 分');
  });

  test('the ledger and the rankings agree with the hand count', async () => {
    const store = rt.services.store;
    const home = (await store.branches.findByName('青山村党支部'))!;
    const host = (await store.branches.findByName('广州流动党支部'))!;
    const ids = await Promise.all(
      ['王书记', '张三', '李四', '赵五', '孙七', '周八', '刘书记', '钱六'].map(
        async (n) => (await store.members.findByName(n))[0].id,
      ),
    );
    const sum = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    expect(sum(await store.ledger.totals(ids, { branchId: home.id }))).toBe(25);
    expect(sum(await store.ledger.totals(ids, { branchId: host.id }))).toBe(9);
    const entries = await store.ledger.list();
    expect(entries.every((e) => e.kind === 'meeting')).toBe(true);
    expect(entries).toHaveLength(8);
    expect((await store.ledger.totals([ids[5]])).get(ids[5]) ?? 0).toBe(0);
    expect(await first('u_zhang', 'g_home', '积分')).toContain('累计 8 分');
  });

  test('会议 M1: members see counts, the secretary also sees who was absent', async () => {
    at('2026-12-14T08:00:00');
    const member = await first('u_li', 'g_home', '会议 M1');
    expect(member).toContain('应到 6 人，已签到 5 人，请假 1 人，缺席 0 人');
    expect(member).not.toContain('在广州加班');
    expect(await first('u_wang', 'g_home', '会议 M1')).toContain('· 周八：在广州加班，会后补学');
  });

  test('the dashboard pages and the exports show the same figures', async () => {
    sec = await signIn(rt, 'u_wang', 'g_home');
    const home = (await rt.services.store.branches.findByName('青山村党支部'))!;
    const list = await sec.get(`/admin/meetings?branch=${home.id}&quarter=2026-4`);
    expect(list.status).toBe(200);
    expect(list.text).toMatch(
      /<td>青山村党支部<\/td><td class="num">1\/1 <span class="tag ok">达标<\/span><\/td><td class="num">0\/3 <span class="tag">落后<\/span>/,
    );
    expect(list.text).toContain('<td>张三</td><td class="num">1</td><td class="num">0</td><td class="num">1</td>');
    expect(list.text).toContain('<td>周八</td><td class="num">0</td><td class="num">1</td><td class="num">1</td>');
    expect(list.text).toContain('<td class="num">5/6</td><td class="num">1</td>');
    expect(list.text).not.toContain('M2');
    const detail = await sec.get('/admin/meetings/1');
    expect(detail.text).toContain('<b>5</b><span>已签到</span>');
    expect(detail.text).toContain('<b>1</b><span>请假</span>');
    expect(detail.text).toContain('在广州加班，会后补学');
    expect((await sec.get('/admin/meetings/2')).status).toBe(404);
    const sheet = await sheetRows((await download(sec, '/admin/export/meetings/1.xlsx')).body, '签到表');
    expect(sheet.filter((r) => r['情况'] === '已签到').map((r) => r['姓名'])).toHaveLength(5);
    expect(sheet.filter((r) => r['情况'] === '请假').map((r) => [r['姓名'], r['说明']])).toEqual([
      ['周八', '在广州加班，会后补学'],
    ]);
    expect((await download(sec, '/admin/export/meetings/2.xlsx')).status).toBe(404);
    const quarters = await download(sec, `/admin/export/meeting-quarters.xlsx?branch=${home.id}&quarter=2026-4`);
    const counts = await sheetRows(quarters.body, '三会一课');
    expect(counts.map((r) => [r['会议类型'], r['已开'], r['应开'] ?? null])).toEqual([
      ['支部党员大会', 1, 1],
      ['支委会', 0, 3],
      ['党小组会', 0, 3],
      ['党课', 0, 1],
      ['主题党日', 0, null],
    ]);
    const rates = await sheetRows(quarters.body, '党员参会率');
    expect(rates.filter((r) => r['参会率'] === '100%')).toHaveLength(5);
    expect(rates.find((r) => r['姓名'] === '周八')).toMatchObject({ 请假: 1, 参会率: '0%' });
  });

  test('the weekly digest warns the home secretary that the branch is behind', async () => {
    at('2026-12-14T08:30:00');
    await fire(rt, 'membership-digest', '2026-12-14T08:30:00');
    const text = jobRows(rt.services.store, 'membership-digest').find((r) => r.chatId === 'u_wang')!.text;
    expect(text).toContain('三会一课进度落后（2026 年第 4 季度）');
    expect(text).toContain('· 支委会：已开 0 次，到目前应开 3 次');
    expect(text).not.toContain('· 支部党员大会');
  });
});
