import { cleanupTempDirs } from '../helpers/temp-dir';
import { seedBranches, testRuntime, type TestRuntime } from '../helpers/test-runtime';

describe('what people wrote is stored and shown verbatim', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime();
    await seedBranches(rt);
    await rt.say('u_a', 'g_home', '报到 张三 广东广州 职业：电工、焊工');
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('task title and content keep their Chinese punctuation', async () => {
    const pub = await rt.say(
      'u_sec',
      'g_home',
      '发布任务 学习“两学一做”，扎根基层\n内容：扎根基层、默默奉献，写心得！\n截止：2026-12-07 18:00\n分值：１０\n证明：文字\n字数：10',
    );
    expect(pub.texts[0]).toContain('新任务 #1《学习“两学一做”，扎根基层》');
    const task = await rt.services.store.tasks.get(1);
    expect(task).toMatchObject({
      title: '学习“两学一做”，扎根基层',
      content: '扎根基层、默默奉献，写心得！',
      points: 10,
    });
  });

  test("a member's note is stored exactly as typed, less the task code", async () => {
    const note = '扎根基层、默默奉献，是我们流动党员的本色。\n“不忘初心”！';
    const r = await rt.say('u_a', 'g_home', `@支部机器人 ＃1 ${note}`);
    expect(r.texts[0]).toContain('已收到 #1');
    const member = (await rt.services.store.members.findByName('张三'))[0];
    expect((await rt.services.store.submissions.find(1, member.id))?.note).toBe(note);
    expect(member.occupation).toBe('电工、焊工');
  });

  test('a 驳回 reason reaches the member unchanged', async () => {
    const member = (await rt.services.store.members.findByName('张三'))[0];
    const sub = (await rt.services.store.submissions.find(1, member.id))!;
    const reason = '“认真学习”，请写满十字…';
    await rt.say('u_sec', 'g_home', `驳回 S${sub.id} ${reason}`);
    expect((await rt.services.store.submissions.get(sub.id))?.reviewNote).toBe(reason);
    const dm = await rt.transcript('u_a');
    expect(dm.some((m) => m.text.includes(`已审核驳回：${reason}`))).toBe(true);
  });

  test('a 加分 reason is kept as written', async () => {
    await rt.say('u_sec', 'g_home', '加分 张三 3 参加社区志愿服务、清扫街道，表现突出！');
    const member = (await rt.services.store.members.findByName('张三'))[0];
    const manual = (await rt.services.store.ledger.listByMember(member.id)).find((e) => e.kind === 'manual');
    expect(manual?.reason).toBe('参加社区志愿服务、清扫街道，表现突出！');
  });
});
