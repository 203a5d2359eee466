import { cleanupTempDirs } from '../helpers/temp-dir';
import { seedBranches, testRuntime, type TestRuntime } from '../helpers/test-runtime';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const NOTE =
  '今天认真学习了党章，深刻理解了党的性质和宗旨，要在工作中发挥党员先锋模范作用，扎根基层、默默奉献，做合格党员。';

describe('points by branch and the replies members get, through /sim', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime();
    await seedBranches(rt);
    await rt.say('u_a', 'g_home', '报到 张三 广东广州');
    await rt.say('u_a', 'g_host', '报到 张三 广东广州');
    await rt.say('u_b', 'g_home', '报到 李四 广东佛山');
    await rt.say('u_c', 'g_home', '报到 赵五 广东深圳');
    await rt.say('u_sec', 'g_home', '发布任务 学习党章\n截止：2026-12-07 18:00\n分值：23\n证明：图片/文字\n字数：50');
    await rt.say('u_sec', 'g_home', '发布任务 写心得\n截止：2026-12-07 18:00\n分值：5\n证明：文字\n字数：50');
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test("home points do not rank in the host group; 积分 shows the total and each branch's part", async () => {
    expect((await rt.say('u_a', 'g_home', '#1', { images: [PNG] })).texts[0]).toContain('+23 分');
    const host = await rt.say('u_a', 'g_host', '排名');
    expect(host.texts[0]).toBe('「广州流动党支部」还没有党员获得积分，完成任务即可得分。');
    expect((await rt.say('u_a', 'g_home', '排名')).texts[0]).toContain('1. 张三 23 分');
    const mine = (await rt.say('u_a', 'g_host', '积分？')).texts[0];
    expect(mine).toContain('张三的积分：累计 23 分');
    expect(mine).toContain('「青山村党支部」23 分，第 1 名');
    expect(mine).toContain('「广州流动党支部」0 分');
  });

  test('in the host group 任务 and #1 agree: no home task there, and the home proof is left alone', async () => {
    expect((await rt.say('u_a', 'g_host', '任务')).texts[0]).toBe('当前没有进行中的任务。');
    const r = await rt.say('u_a', 'g_host', `#1 ${NOTE}`);
    expect(r.texts[0]).toBe('任务 #1 是「青山村党支部」的任务，请在该支部的群里 @我 提交，或私聊我发送。');
    const m = (await rt.services.store.members.findByName('张三'))[0];
    expect((await rt.services.store.submissions.find(1, m.id))?.media).toHaveLength(1);
    // 1:1 the member may submit to any of their branches' tasks, as 任务 there lists them.
    expect((await rt.say('u_a', 'u_a', '任务')).texts[0]).toContain('#1《学习党章》');
  });

  test('a resubmission that changes the proof kind says what it replaces', async () => {
    const r = await rt.say('u_a', 'g_home', `#1 ${NOTE}`);
    expect(r.texts[0]).toContain(`已更新 #1 的提交（文字${[...NOTE].length}字，替换了之前的 图片1张）`);
  });

  test("提醒 and 任务 state the task's real proof kinds and word count", async () => {
    const remind = (await rt.say('u_sec', 'g_home', '提醒 #2')).texts[0];
    expect(remind).toContain('提交方法：在群里 @我 并附文字，注明 #2；文字心得不少于 50 字。');
    expect(remind).not.toContain('图片');
    const tasks = (await rt.say('u_b', 'g_home', '任务')).texts[0];
    expect(tasks).toContain('#2《写心得》');
    expect(tasks).toContain('提交方法：在群里 @我 并附文字，注明 #2；文字心得不少于 50 字');
    expect(tasks).toContain('提交方法：在群里 @我 并附图片或文字，注明 #1；文字心得不少于 50 字');
  });

  test('帮助 shows each person only what they may use', async () => {
    const member = (await rt.say('u_b', 'g_home', '帮助')).texts[0];
    expect(member).not.toContain('后台');
    expect(member).not.toContain('发布任务');
    expect(member).toContain('完成情况 #<任务号>');
    const stranger = (await rt.say('u_new', 'g_home', '帮助')).texts[0];
    expect(stranger).toContain('报到 <姓名> <流入地>');
    expect(stranger).not.toContain('• 积分');
    expect(stranger).not.toContain('• 任务');
    expect(stranger).not.toContain('后台');
    const sec = (await rt.say('u_sec', 'g_home', '帮助')).texts[0];
    expect(sec).toContain('后台');
    expect(sec).toContain('撤销任务 #<任务号> [理由]');
  });

  test('a second 驳回 of a rejected submission says so and notifies nobody again', async () => {
    await rt.say('u_b', 'g_home', `#2 ${NOTE}`);
    const m = (await rt.services.store.members.findByName('李四'))[0];
    const s = (await rt.services.store.submissions.find(2, m.id))!;
    const first = await rt.say('u_sec', 'g_home', `驳回 S${s.id} 请结合本职工作写`);
    expect(first.replies).toHaveLength(2);
    const second = await rt.say('u_sec', 'g_home', `驳回 S${s.id} 请结合本职工作写`);
    expect(second.texts).toEqual([
      `S${s.id} 已经是驳回状态（理由：请结合本职工作写），这次没有改动，也没有再通知党员。`,
    ]);
    const dm = await rt.transcript('u_b');
    expect(dm.filter((x) => x.text.includes('已审核驳回'))).toHaveLength(1);
    expect((await rt.services.store.ledger.totals([m.id])).get(m.id)).toBe(0);
  });

  test('完成情况: members see who is done (接龙), only the secretary sees who is not', async () => {
    const member = await rt.say('u_c', 'g_home', '完成情况 #1');
    expect(member.texts).toEqual(['📋 任务 #1《学习党章》已完成 1 人：\n1. 张三']);
    const sec = await rt.say('u_sec', 'g_home', '完成情况 1');
    expect(sec.replies[0]).toMatchObject({ chatId: 'g_home', text: '📋 任务 #1《学习党章》已完成 1 人：\n1. 张三' });
    expect(sec.replies[1]).toMatchObject({ chatId: 'u_sec' });
    expect(sec.replies[1].text).toContain('未提交（3）');
    expect(sec.replies[1].text).toContain('李四');
  });
});
