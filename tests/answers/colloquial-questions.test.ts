import { cleanupTempDirs } from '../helpers/temp-dir';
import { seedBranches, testRuntime, type TestRuntime } from '../helpers/test-runtime';

afterAll(cleanupTempDirs);

const title = (text: string) => text.split('\n')[0];

describe('questions as members type them reach the knowledge base (through the simulator)', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime();
    await seedBranches(rt);
  });
  afterAll(async () => {
    await rt.stop();
  });

  test.each([
    ['在东莞打工 看病要不要先去备个案啊', '异地就医备案怎么办理'],
    ['新农合今年还要交不 厂里已经给我买了医保', '老家交的居民医保在外地能用吗'],
    ['伢子九月份上小学 我们外地的 要备些啥证件', '随迁子女在务工地上学需要什么材料'],
    ['活干完了 老板一直拖着不给钱', '老板拖欠工资怎么维权'],
    ['离职了 公积金能全取出来不', '公积金在外地能提取或贷款吗'],
  ])('%s → 【%s】', async (question, expected) => {
    const [text] = (await rt.say('u_m', 'g_home', question)).texts;
    expect(text).not.toContain('没有听懂');
    expect(text).toContain(`【${expected}】`);
  });

  test.each(['给我讲个笑话', '明天东莞会下雨不'])(
    'chit-chat "%s" gets a short polite decline that offers 求助',
    async (question) => {
      const [text] = (await rt.say('u_m', 'g_home', question)).texts;
      expect(text).not.toContain('没有听懂');
      expect(text).not.toContain('【');
      expect(text).toContain('帮不上');
      expect(text).toContain('求助');
    },
  );

  test('replying 1 (or 第一个, 1。) after a "最接近的是" list shows that suggestion, for that member only', async () => {
    const [list] = (await rt.say('u_m', 'g_home', '孩子近视了怎么办？')).texts;
    const first = list.match(/^1\.【([^】]+)】$/m)?.[1];
    const second = list.match(/^2\.【([^】]+)】$/m)?.[1];
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(title((await rt.say('u_m', 'g_home', '1')).texts[0])).toBe(`【${first}】`);
    expect(title((await rt.say('u_m', 'g_home', '第二个')).texts[0])).toBe(`【${second}】`);
    expect(title((await rt.say('u_m', 'g_home', '1。')).texts[0])).toBe(`【${first}】`);
    // Another member in the same group has no list: the number is not taken as a choice.
    expect((await rt.say('u_other', 'g_home', '1')).texts[0]).not.toContain(`【${first}】`);
  });

  test('the suggestion list expires', async () => {
    await rt.say('u_late', 'g_home', '孩子近视了怎么办？');
    rt.clock.advance(31 * 60_000);
    expect((await rt.say('u_late', 'g_home', '1')).texts[0]).not.toMatch(/^【/);
  });

  test('two questions in one: the first is answered, the second offered as a numbered suggestion', async () => {
    const [text] = (await rt.say('u_m', 'g_home', '居住证怎么办 还有党费怎么交')).texts;
    expect(title(text)).toBe('【居住证怎么办理】');
    const offered = text.match(/^1\.【([^】]+)】$/m)?.[1];
    expect(offered).toBe('流动党员怎么交党费');
    expect(title((await rt.say('u_m', 'g_home', '1')).texts[0])).toBe('【流动党员怎么交党费】');
  });
});
