import { cleanupTempDirs } from '../helpers/temp-dir';
import { seedBranches, testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { isNear, nearestCommand } from '../../src/bot/command-match';
import { commandForm } from '../../src/text/command-text';

describe('commands as people type them, through /sim', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime();
    await seedBranches(rt);
    await rt.say('u_a', 'g_home', '报到 张三 广东广州');
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test.each([
    '积分。',
    '积分？',
    '积分?',
    '@支部机器人 积分',
    '@支部机器人\u2005积分！',
    '　积分～',
    'ＪＦ积分'.slice(2),
    '积分…',
  ])('%s answers with the points, not a Q&A entry', async (text) => {
    const r = await rt.say('u_a', 'g_home', text);
    expect(r.texts[0]).toMatch(/^张三的积分：累计 \d+ 分/);
  });

  test('排名。 gives the ranking and 帮助！ the help', async () => {
    expect((await rt.say('u_a', 'g_home', '排名。')).texts[0]).toBe(
      '「青山村党支部」还没有党员获得积分，完成任务即可得分。',
    );
    expect((await rt.say('u_a', 'g_home', '帮助！')).texts[0]).toContain('支部机器人可以帮你');
    expect((await rt.say('u_a', 'g_home', '排名 本周。')).texts[0]).toBe(
      '「青山村党支部」本周还没有党员获得积分，完成任务即可得分。',
    );
  });

  test('报道 (the usual homophone) checks in', async () => {
    const r = await rt.say('u_f', 'g_home', '报道 孙七 广东佛山');
    expect(r.texts[0]).toContain('报到成功');
  });

  test('积份 is taken as 积分; 统计 4 without # finds task 4', async () => {
    expect((await rt.say('u_a', 'g_home', '积份')).texts[0]).toMatch(/^张三的积分/);
    const missing = await rt.say('u_sec', 'g_home', '统计 4');
    expect(missing.texts[0]).toContain('没有找到本支部的任务 #4');
    await rt.say('u_sec', 'g_home', '发布任务 学习党章\n截止：2026-12-07 18:00');
    expect((await rt.say('u_sec', 'g_home', '统计 1')).texts[0]).toContain('任务 #1《学习党章》已提交');
  });

  test('a near miss is answered with "你是不是想发" and never reaches Q&A', async () => {
    expect((await rt.say('u_a', 'g_home', '积粉')).texts[0]).toMatch(/^你是不是想发：积分/);
    expect((await rt.say('u_a', 'g_home', '排鸣？')).texts[0]).toMatch(/^你是不是想发：排名/);
    expect((await rt.say('u_sec', 'g_home', '发不任务 学习')).texts[0]).toMatch(/^你是不是想发：发布任务 学习/);
  });
});

describe('command matching rules', () => {
  test('mentions and surrounding punctuation are dropped only for matching', () => {
    expect(commandForm('@支部机器人 积分？')).toBe('积分');
    expect(commandForm('@bot @支部机器人　排名！！')).toBe('排名');
    expect(commandForm('？')).toBe('?');
  });

  test('closeness: same pinyin, or one character off for longer names; unrelated words are not near', () => {
    expect(isNear('几分', '积分')).toBe(true);
    expect(isNear('发布任', '发布任务')).toBe(true);
    expect(isNear('任何', '任务')).toBe(false);
    expect(isNear('积分', '积分')).toBe(false);
    expect(nearestCommand('在东莞打工 看病要不要先去备个案啊', ['积分', '报到', '任务'])).toBeUndefined();
  });
});

describe('a command after an @mention keeps its words', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime();
    await seedBranches(rt);
    await rt.say('u_a', 'g_home', '报到 张三 广东广州');
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test("@支部机器人 求助 … records the member's words, not an empty case", async () => {
    const r = await rt.say('u_a', 'g_home', '@支部机器人 求助 老板拖欠工资三个月了，怎么办？');
    expect(r.status).toBe(200);
    const m = (await rt.services.store.members.findByName('张三'))[0];
    const cases = await rt.services.store.helpCases.list({ memberId: m.id });
    expect(cases.map((c) => c.content)).toEqual(['老板拖欠工资三个月了，怎么办？']);
  });
});
