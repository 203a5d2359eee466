import { cleanupTempDirs } from '../helpers/temp-dir';
import { seedBranches, testRuntime, type TestRuntime } from '../helpers/test-runtime';

afterAll(cleanupTempDirs);

const single = { chatType: 'single' };

/** Members on a phone leave out the space between a command and its code or text; the command still runs. */
describe('commands typed without a space', () => {
  let rt: TestRuntime;
  const say = async (text: string, chat = 'g_home', extra?: Record<string, unknown>) =>
    (await rt.say('u_a', chat, text, extra)).texts.join('\n');
  beforeAll(async () => {
    rt = await testRuntime();
    await seedBranches(rt);
    await rt.say('u_a', 'g_home', '报到 张三 广东广州');
  });
  afterAll(async () => {
    await rt.stop();
  });

  test('a record code right after the word: 签到M1, 会议M1, 确认Y1, 评价H1', async () => {
    expect(await say('签到M1')).toContain('没有找到你所在支部的会议 M1');
    expect(await say('会议M1')).toContain('M1');
    expect(await say('确认Y1', 'u_a', single)).toContain('Y1');
    expect(await say('评价H1 满意', 'u_a', single)).toContain('H1');
  });

  test('free text right after 建议 and 求助 opens the record with that text verbatim', async () => {
    expect(await say('建议多组织线上学习，周末晚上最好！', 'u_a', single)).toContain('你的建议已登记，编号 Y1');
    expect((await rt.services.store.opinions.get(1))?.content).toBe('多组织线上学习，周末晚上最好！');
    expect(await say('求助孩子在广州上学要什么材料', 'u_a', single)).toContain('H1');
  });

  test('a keyword right after 排名, and the longer alias 排行榜 is still itself', async () => {
    expect(await say('排名奉献')).toMatch(/奉献积分排名|还没有党员获得积分/);
    expect(await say('排行榜')).not.toContain('格式不对');
  });

  test('a question that only starts like a command still reaches the answers', async () => {
    expect(await say('积分怎么算')).not.toContain('张三的积分');
    expect(await say('排名怎么算的')).not.toContain('格式不对');
  });

  test('a question about 意见, 建议 or 求助 opens no record: 意见箱在哪, 建议怎么提, 求助电话是多少', async () => {
    const before = {
      opinions: await rt.services.store.opinions.get(2),
      cases: await rt.services.store.helpCases.get(2),
    };
    for (const q of ['意见箱在哪？', '建议怎么提', '求助电话是多少', '求助怎么用啊', '意见箱在哪里呢'])
      expect(await say(q, 'u_a', single)).not.toMatch(/已登记|缺少/);
    expect(await rt.services.store.opinions.get(2)).toEqual(before.opinions);
    expect(await rt.services.store.helpCases.get(2)).toEqual(before.cases);
    expect(before).toEqual({ opinions: undefined, cases: undefined });
  });

  test('such a question is answered with the form of the command, in a group too', async () => {
    expect(await say('意见箱在哪？')).toContain('格式：意见|建议 [匿名]');
    expect(await say('求助怎么用', 'u_a', single)).toContain('格式：求助 <遇到的困难>');
  });

  test('a longer text with a question in it is still the content: 求助孩子上学咋办，要什么材料', async () => {
    expect(await say('求助孩子上学咋办，要什么材料', 'u_a', single)).toContain('H2');
    expect(await say('建议周末多组织几次线上学习好吗', 'u_a', single)).toContain('Y2');
  });
});
