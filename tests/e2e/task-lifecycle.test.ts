import { cleanupTempDirs } from '../helpers/temp-dir';
import { seedBranches, testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { DEADLINE_FORMS, formatDeadline, parseDeadlineText } from '../../src/time/parse-deadline-text';

const TZ = 'Asia/Shanghai';
// Tuesday 2026-12-01 10:00 in Shanghai.
const NOW = new Date('2026-12-01T02:00:00.000Z');

describe('deadlines as secretaries type them', () => {
  test.each([
    ['2026-12-31 18:00', '2026-12-31 18:00（周四）'],
    ['2026/12/31 18:00', '2026-12-31 18:00（周四）'],
    ['12月31日 18:00', '2026-12-31 18:00（周四）'],
    ['12-31 18:00', '2026-12-31 18:00（周四）'],
    ['明天 18:00', '2026-12-02 18:00（周三）'],
    ['周五 18:00', '2026-12-04 18:00（周五）'],
    ['周二 09:00', '2026-12-08 09:00（周二）'],
    ['1月5日 18:00', '2027-01-05 18:00（周二）'],
  ])('%s → %s', (text, shown) => {
    expect(formatDeadline(parseDeadlineText(text, NOW, TZ)!, TZ)).toBe(shown);
  });

  test.each(['2026-12-31', '12/31/2026 18:00', '下个月', '2026-02-30 18:00', '周八 18:00', '明天 25:00', '18:00'])(
    '%s is refused',
    (text) => {
      expect(parseDeadlineText(text, NOW, TZ)).toBeUndefined();
    },
  );

  test('the accepted forms are the six the secretaries were told', () => {
    expect(DEADLINE_FORMS).toHaveLength(6);
  });
});

describe('tasks can be corrected, through /sim', () => {
  let rt: TestRuntime;
  const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
  const points = async (name: string) => {
    const m = (await rt.services.store.members.findByName(name))[0];
    return (await rt.services.store.ledger.totals([m.id])).get(m.id) ?? 0;
  };
  beforeAll(async () => {
    rt = await testRuntime();
    await seedBranches(rt);
    await rt.say('u_a', 'g_home', '报到 张三 广东广州');
    await rt.say('u_b', 'g_home', '报到 李四 广东佛山');
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('2026/12/31 18:00 is accepted and echoed with its weekday; a bad date lists the accepted forms; 分值：0 is refused', async () => {
    const ok = await rt.say(
      'u_sec',
      'g_home',
      '发布任务 学习党章\n截止：2026/12/31 18:00\n分值：10\n证明：图片/文字\n字数：10',
    );
    expect(ok.texts[0]).toContain('截止：2026-12-31 18:00（周四）');
    const bad = await rt.say('u_sec', 'g_home', '发布任务 学习党史\n截止：31/12 6pm');
    expect(bad.texts[0]).toContain(
      '截止时间「31/12 6pm」看不懂。可以这样写：2026-12-31 18:00、2026/12/31 18:00、12月31日 18:00、12-31 18:00、明天 18:00、周五 18:00',
    );
    const zero = await rt.say('u_sec', 'g_home', '发布任务 学习党史\n截止：周五 18:00\n分值：0');
    expect(zero.texts[0]).toContain('「分值」应为 1–100 的整数，你写的是「0」');
    expect(await rt.services.store.tasks.get(2)).toBeUndefined();
  });

  test('a repeated title of an open task is not published again, with a warning', async () => {
    const again = await rt.say('u_sec', 'g_home', '发布任务 学习党章\n截止：周五 18:00');
    expect(again.texts[0]).toContain('⚠️ 已有进行中的同名任务 #1《学习党章》');
    expect(await rt.services.store.tasks.listByBranches([1])).toHaveLength(1);
  });

  test('修改任务 changes deadline and points, tells the group, and rebooks points already earned', async () => {
    await rt.say('u_a', 'g_home', '#1', { images: [PNG] });
    expect(await points('张三')).toBe(10);
    const r = await rt.say('u_sec', 'g_home', '修改任务 #1\n截止：周五 18:00\n分值：6\n证明：文字');
    expect(r.texts[0]).toContain(
      '✏️ 任务 #1《学习党章》有变动：\n截止：2026-12-31 18:00（周四） → 2026-12-04 18:00（周五）\n分值：10 分 → 6 分\n证明：图片/文字 → 文字',
    );
    expect(await points('张三')).toBe(6);
    const again = await rt.say('u_sec', 'g_home', '修改任务 #1\n分值：6');
    expect(again.texts[0]).toContain('没有改动');
    expect((await rt.say('u_sec', 'g_home', '修改任务 #1')).texts[0]).toContain('没有要修改的项');
  });

  test('撤销任务 takes the task out of lists and reverses its points with new entries', async () => {
    const r = await rt.say('u_sec', 'g_home', '撤销任务 #1 截止日期写错了，重新发布');
    expect(r.texts[0]).toContain('🚫 任务 #1《学习党章》已撤销，理由：截止日期写错了，重新发布。');
    expect(await points('张三')).toBe(0);
    const m = (await rt.services.store.members.findByName('张三'))[0];
    expect((await rt.services.store.ledger.listByMember(m.id)).map((e) => e.delta)).toEqual([10, -4, -6]);
    expect((await rt.say('u_a', 'g_home', '任务')).texts[0]).toBe('当前没有进行中的任务。');
    expect((await rt.say('u_a', 'g_home', '#1 再交一次的心得体会，认真学习')).texts[0]).toContain(
      '没有找到你所在支部的任务 #1',
    );
    expect((await rt.say('u_sec', 'g_home', '撤销任务 #1')).texts[0]).toContain('已经撤销了');
    expect((await rt.say('u_sec', 'g_home', '提醒 #1')).texts[0]).toContain('已经撤销了');
  });

  test('删除题库 removes a waiting item by the number 题库 shows', async () => {
    await rt.say('u_sec', 'g_home', '入库 学习党章第二章\n期限：7天');
    await rt.say('u_sec', 'g_home', '入库 学习党章第三章\n期限：7天');
    expect((await rt.say('u_sec', 'g_home', '题库')).texts[0]).toContain('2.《学习党章第三章》');
    expect((await rt.say('u_sec', 'g_home', '删除题库 1')).texts[0]).toContain(
      '已从题库删除第 1 个：《学习党章第二章》',
    );
    const list = (await rt.say('u_sec', 'g_home', '题库')).texts[0];
    expect(list).toContain('1.《学习党章第三章》');
    expect(list).not.toContain('第二章');
    expect((await rt.say('u_sec', 'g_home', '删除题库 5')).texts[0]).toContain('题库里没有第 5 个');
    expect((await rt.say('u_a', 'g_home', '删除题库 1')).texts[0]).toContain('是支部书记的命令');
  });
});
