import { cleanupTempDirs } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { cst, fire, jobRows } from '../jobs/jobs-fixture';

const PNG_A = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const PNG_B = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const NOTE = '认真学习了本周的材料，结合在外务工的实际，要扎根基层、默默奉献，发挥党员先锋模范作用。';
// Each member writes their own note: the same note from two members is held for review as a copy.
const NOTE_ZHANG = '读了党章第二章，明白了党员的义务，在工地上要带头遵守安全规定，帮助新来的工友。';
const NOTE_QIAN = '这周在广州参加了社区学习，体会到流动党员也要按时过组织生活，主动联系流入地支部。';
const NOTE_ZHAO = '学习后我给家里的孩子讲了党史故事，以后每周都抽时间读原文，做一名合格的共产党员。';

/**
 * One week of two branches through /sim and the scheduled jobs. Home 青山村 (g_home): 王书记 (secretary), 张三, 李四,
 * 赵五. Host 广州流动 (g_host): 刘书记 (secretary), 张三, 李四 (双报), 钱六. Three tasks: #1 home 10 分, #2 host 8 分
 * changed to 6 分 after two submissions, #3 home 5 分 withdrawn after two submissions; two manual entries.
 *
 * Hand count for the week — home: 张三 10, 李四 10, 赵五 2 (加分), 王书记 0 → 22 / 4 = 人均 5.5.
 * host: 钱六 6 + 3 (加分) = 9, 张三 6, 李四 0, 刘书记 0 → 15 / 4 = 人均 3.75 (shown 3.8).
 */
describe('a scripted week: two branches, six members, three tasks', () => {
  let rt: TestRuntime;
  const at = (local: string) => rt.clock.set(cst(local));
  beforeAll(async () => {
    rt = await testRuntime({}, cst('2026-11-30T09:00:00').toISOString());
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('Monday: branches, secretaries and check-ins', async () => {
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
    expect((await rt.say('u_qian', 'g_host', '报到 钱六 广东广州')).texts[0]).toContain('报到成功');
  });

  test('Monday: three tasks are published (one twice by mistake as a different title)', async () => {
    expect(
      (await rt.say('u_wang', 'g_home', '发布任务 学习党章\n截止：周六 18:00\n分值：10\n证明：图片/文字\n字数：20'))
        .texts[0],
    ).toContain('#1');
    expect(
      (await rt.say('u_liu', 'g_host', '发布任务 志愿服务心得\n截止：12月5日 18:00\n分值：8\n证明：文字\n字数：20'))
        .texts[0],
    ).toContain('#2');
    expect(
      (await rt.say('u_wang', 'g_home', '发布任务 学习党章（补）\n截止：2026/12/05 18:00\n分值：5')).texts[0],
    ).toContain('#3');
  });

  test('Tuesday–Wednesday: submissions in the right groups, manual points', async () => {
    at('2026-12-01T12:00:00');
    await rt.say('u_zhang', 'g_home', '#1', { images: [PNG_A] });
    await rt.say('u_li', 'g_home', `#1 ${NOTE}`);
    await rt.say('u_zhang', 'g_host', `#2 ${NOTE_ZHANG}`);
    await rt.say('u_qian', 'g_host', `@支部机器人 #2 ${NOTE_QIAN}`);
    await rt.say('u_zhang', 'g_home', '#3', { images: [PNG_B] });
    await rt.say('u_zhao', 'g_home', `#3 ${NOTE_ZHAO}`);
    at('2026-12-02T10:00:00');
    expect((await rt.say('u_liu', 'g_host', '加分 钱六 3 社区志愿服务')).texts[0]).toContain('已为钱六加分 3 分');
    expect((await rt.say('u_wang', 'g_home', '加分 赵五 2 帮助老党员')).texts[0]).toContain('已为赵五加分 2 分');
  });

  test('Wednesday: #2 is changed to 6 分 and #3 is withdrawn', async () => {
    const changed = await rt.say('u_liu', 'g_host', '修改任务 #2\n分值：6');
    expect(changed.texts[0]).toContain('分值：8 分 → 6 分');
    const gone = await rt.say('u_wang', 'g_home', '撤销任务 #3 与 #1 重复');
    expect(gone.texts[0]).toContain('已撤销，理由：与 #1 重复');
  });

  test('Friday: the 24-hour reminder names who is missing on #1 and #2, never the withdrawn #3', async () => {
    await fire(rt, 'deadline-reminders', '2026-12-04T18:05:00');
    const rows = jobRows(rt.services.store, 'deadline-reminders');
    expect(rows.some((r) => r.text.includes('#3'))).toBe(false);
    const host = rows.find((r) => r.chatId === 'g_host')!.text;
    expect(host).toContain('任务 #2《志愿服务心得》');
    expect(host).toContain('@刘书记 @李四');
    expect(host).not.toContain('钱六');
    const home = rows.find((r) => r.chatId === 'g_home' && r.text.includes('#1'))?.text;
    // #1 is due Saturday: its 24-hour reminder comes on Friday evening too, naming 王书记 and 赵五 only.
    expect(home).toContain('@王书记 @赵五');
  });

  test('Sunday 20:00: the rankings match the hand count per branch', async () => {
    at('2026-12-06T20:00:00');
    await fire(rt, 'ranking-posts', '2026-12-06T20:00:00');
    const rows = jobRows(rt.services.store, 'ranking-posts');
    const home = rows.find((r) => r.chatId === 'g_home')!.text;
    const host = rows.find((r) => r.chatId === 'g_host')!.text;
    expect(home).toContain('1. 李四 10 分\n1. 张三 10 分\n3. 赵五 2 分\n支部人均：5.5 分（4 人）');
    expect(host).toContain('1. 钱六 9 分\n2. 张三 6 分\n支部人均：3.8 分（4 人）');
    expect(home).toContain('🥇 青山村党支部 人均 5.5 分\n2. 广州流动党支部 人均 3.8 分');
    for (const text of [home, host]) expect(text).not.toMatch(/ 0 分/);
    const store = rt.services.store;
    const ids = async (name: string) => (await store.members.findByName(name))[0].id;
    const all = await Promise.all(['王书记', '张三', '李四', '赵五', '刘书记', '钱六'].map(ids));
    const home1 = await store.branches.findByName('青山村党支部');
    const host1 = await store.branches.findByName('广州流动党支部');
    const sum = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    expect(sum(await store.ledger.totals(all, { branchId: home1!.id }))).toBe(22);
    expect(sum(await store.ledger.totals(all, { branchId: host1!.id }))).toBe(15);
    expect(sum(await store.ledger.totals(all))).toBe(37);
    expect((await rt.say('u_zhang', 'g_host', '积分')).texts[0]).toContain('累计 16 分');
  });
});
