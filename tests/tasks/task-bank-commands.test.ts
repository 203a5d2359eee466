import { cleanupTempDirs } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { BANK_ENTRY, homeBranchId, seedJobBranch } from '../jobs/jobs-fixture';

// The clock stands at Tuesday 2026-12-01 10:00 (Asia/Shanghai): the next default push is Monday 12-07 09:00.
describe('task bank chat commands: 入库, 题库, 计划, 预览推送', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime();
    await seedJobBranch(rt);
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('题库 on an empty bank explains how to add a task', async () => {
    expect((await rt.say('u_sec', 'g_home', '题库')).texts[0]).toContain('题库还是空的');
  });

  test('入库 stores a task with the 发布任务 fields and a relative 期限', async () => {
    const r = await rt.say('u_sec', 'g_home', BANK_ENTRY);
    expect(r.texts[0]).toContain('✅ 已存入题库：《学习党章第二章》，期限 7 天，10 分。');
    expect(r.texts[0]).toContain('下次推送 2026-12-07（周一）09:00，将推送《学习党章第二章》');
    const second = await rt.say('u_sec', 'g_home', '入库　学习二十届四中全会公报\n内容：通读公报\n分值：5');
    expect(second.texts[0]).toContain('期限 7 天，5 分'); // 期限 defaults to 7 days
    const items = await rt.services.store.jobs.bank.list(await homeBranchId(rt));
    expect(items.map((i) => [i.title, i.durationDays, i.points, i.proofKinds, i.minChars])).toEqual([
      ['学习党章第二章', 7, 10, ['image', 'text'], 30],
      ['学习二十届四中全会公报', 7, 5, ['image', 'text'], 20],
    ]);
  });

  test('bad input gets a Chinese answer naming the field, and nothing is stored', async () => {
    const branchId = await homeBranchId(rt);
    const before = (await rt.services.store.jobs.bank.list(branchId)).length;
    const withDeadline = await rt.say('u_sec', 'g_home', '入库 学习\n截止：2026-12-07 18:00');
    expect(withDeadline.texts[0]).toContain('格式不对：题库任务不写「截止」，请写「期限：N天」');
    expect(withDeadline.texts[0]).toContain('正确格式：入库 <标题>');
    expect((await rt.say('u_sec', 'g_home', '入库 学习\n期限：0天')).texts[0]).toContain('「期限」应为 1–60 天');
    expect((await rt.say('u_sec', 'g_home', '入库 学习\n期限：一周')).texts[0]).toContain('你写的是「一周」');
    expect((await rt.say('u_sec', 'g_home', '入库')).texts[0]).toContain('缺少任务标题');
    expect((await rt.say('u_sec', 'g_home', '入库 学习\n戴止：7天')).texts[0]).toContain('不认识的字段「戴止」');
    expect((await rt.services.store.jobs.bank.list(branchId)).length).toBe(before);
  });

  test('members may not use the bank commands', async () => {
    for (const text of [BANK_ENTRY, '题库', '计划 每周三 20:00', '预览推送']) {
      expect((await rt.say('u_a', 'g_home', text)).texts[0]).toContain('是支部书记的命令，你暂时没有权限');
    }
    expect((await rt.services.store.jobs.bank.list(await homeBranchId(rt))).length).toBe(2);
  });

  test('题库 lists the waiting tasks in push order', async () => {
    const text = (await rt.say('u_sec', 'g_home', '题库')).texts[0];
    expect(text).toContain('📚「青山村党支部」题库：待推送 2 个（每周一 09:00 推送一个）');
    expect(text).toContain('1.《学习党章第二章》期限 7 天，10 分  ← 下次推送 2026-12-07（周一）09:00');
    expect(text).toContain('2.《学习二十届四中全会公报》期限 7 天，5 分');
  });

  test('计划 sets the push day and time; bad plans are refused and change nothing', async () => {
    expect((await rt.say('u_sec', 'g_home', '计划')).texts[0]).toContain('推送计划：每周一 09:00（默认）');
    expect((await rt.say('u_sec', 'g_home', '计划 每周八 09:00')).texts[0]).toContain(
      '格式不对：看不懂「每周八 09:00」',
    );
    expect((await rt.say('u_sec', 'g_home', '计划 每周三 09:07')).texts[0]).toContain('5 分钟的整数倍');
    expect((await rt.say('u_sec', 'g_home', '计划 每周三 25:00')).texts[0]).toContain('时间「25:00」不存在');
    expect(await rt.services.store.jobs.pushSchedules.get(await homeBranchId(rt))).toBeUndefined();
    const set = await rt.say('u_sec', 'g_home', '计划 每周三 20:30');
    expect(set.texts[0]).toContain('✅ 已设置：「青山村党支部」每周三 20:30 推送题库中的下一个任务');
    expect(set.texts[0]).toContain('下次推送：2026-12-02（周三）20:30');
    expect((await rt.say('u_sec', 'g_home', '计划 星期一 ９：００')).texts[0]).toContain('每周一 09:00'); // full-width digits
    expect(await rt.services.store.jobs.pushSchedules.get(await homeBranchId(rt))).toMatchObject({
      weekday: 1,
      time: '09:00',
      updatedBy: 'sim:u_sec',
    });
  });

  test('预览推送 shows when and what the next push will say, with the proof format, and sends nothing else', async () => {
    const r = await rt.say('u_sec', 'g_home', '预览推送');
    expect(r.replies).toHaveLength(1);
    const text = r.texts[0];
    expect(text).toContain('下次推送：2026-12-07（周一）09:00，发到本支部 2 个群；题库中待推送 2 个。');
    expect(text).toContain('📌 新任务 #N《学习党章第二章》');
    expect(text).toContain('截止：2026-12-14 09:00'); // push time + 期限 7 天
    expect(text).toContain('提交方法：在群里 @我 并附图片或文字，注明 #N');
    expect(await rt.services.store.tasks.listByBranches([await homeBranchId(rt)])).toEqual([]);
  });

  test('预览推送 on a holiday Monday shows the push moved to the next working day', async () => {
    rt.clock.set('2026-09-30T02:00:00.000Z'); // Wed 09-30; Monday 10-05 is in the National Day holiday
    const text = (await rt.say('u_sec', 'g_home', '预览推送')).texts[0];
    expect(text).toContain('下次推送：2026-10-08（周四）09:00（原定 10-05 逢国庆节，顺延）');
    rt.clock.set('2026-12-01T02:00:00.000Z');
  });
});
