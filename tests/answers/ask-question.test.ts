import fs from 'node:fs';
import path from 'node:path';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';
import { seedBranches, testRuntime, type TestRuntime } from '../helpers/test-runtime';

afterAll(cleanupTempDirs);

describe('questions through the simulator, offline (no key, no network)', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime();
    await seedBranches(rt);
  });
  afterAll(async () => {
    await rt.stop();
  });

  test('in a group: 【title】 first, then the answer, then the official channel', async () => {
    const r = await rt.say('u_x', 'g_home', '老板欠我三个月工钱不给咋办');
    expect(r.replies).toHaveLength(1);
    const lines = r.texts[0].split('\n');
    expect(lines[0]).toBe('【老板拖欠工资怎么维权】');
    expect(lines[1]).toContain('先保存证据');
    const channel = lines.findIndex((l) => l.startsWith('📞 官方渠道：'));
    expect(lines[channel]).toContain('12333');
    expect(channel).toBeGreaterThan(1);
  });

  test('in a 1:1 chat, from someone who has not checked in', async () => {
    const r = await rt.say('u_new', 'u_new', '娃儿在打工的地方上小学要准备啥子材料', { chatType: 'single' });
    expect(r.texts[0].split('\n')[0]).toBe('【随迁子女在务工地上学需要什么材料】');
    expect(r.texts[0]).toContain('教育局');
  });

  test('below the threshold: not sure, the two closest titles, and 求助', async () => {
    const [text] = (await rt.say('u_x', 'g_home', '孩子近视了怎么办？')).texts;
    expect(text).toContain('不太确定');
    expect(text.match(/^\d\.【[^】]+】$/gm)).toHaveLength(2);
    expect(text).toContain('求助 你的问题');
  });

  test('a problem stated without a question word, and a bare keyword query, are answered too', async () => {
    expect((await rt.say('u_x', 'g_home', '厂里老板一直拖欠工资不发')).texts[0]).toContain('【老板拖欠工资怎么维权】');
    expect((await rt.say('u_x', 'g_home', '居住证')).texts[0].split('\n')[0]).toBe('【居住证怎么办理】');
    expect((await rt.say('u_x', 'g_home', '医保转移')).texts[0].split('\n')[0]).toBe('【医保关系转移接续怎么办】');
  });

  test('a question with no match at all gets a polite decline and the way to 求助', async () => {
    const [text] = (await rt.say('u_x', 'g_home', '考驾照要多少钱？')).texts;
    expect(text).toContain('帮不上');
    expect(text).toContain('求助');
  });

  test('sending a suggested title shows that entry', async () => {
    const [text] = (await rt.say('u_x', 'g_home', '居住证怎么办理')).texts;
    expect(text.startsWith('【居住证怎么办理】')).toBe(true);
  });

  test('greetings and chatter still get the usual "not understood" answer, commands still win', async () => {
    expect((await rt.say('u_x', 'g_home', '谢谢')).texts[0]).toContain('没有听懂');
    expect((await rt.say('u_x', 'g_home', '大家晚上好')).texts[0]).toContain('没有听懂');
    // A study note sent without a task number is not a question, even if it names a KB topic.
    expect((await rt.say('u_x', 'g_home', '今天参加了主题党日活动，学习了党章，收获很大')).texts[0]).toContain(
      '没有听懂',
    );
    expect((await rt.say('u_x', 'g_home', '帮助')).texts[0]).toContain('支部机器人可以帮你');
  });

  test('帮助 lists 求助 for members and the help-case commands for secretaries only', async () => {
    await rt.say('u_m', 'g_home', '报到 赵六 广东广州');
    const member = (await rt.say('u_m', 'g_home', '帮助')).texts[0];
    expect(member).toContain('求助 <遇到的困难>');
    expect(member).not.toContain('结案 H<编号>');
    const secretary = (await rt.say('u_sec', 'g_home', '帮助')).texts[0];
    expect(secretary).toContain('结案 H<编号> <办理结果>');
    expect(secretary).toContain('重载知识库');
  });
});

describe('KB_DIR and 重载知识库', () => {
  let rt: TestRuntime;
  let dir: string;
  const file = () => path.join(dir, 'local.md');

  beforeAll(async () => {
    dir = tempDir('zhibu-kb-');
    fs.writeFileSync(
      file(),
      '## 村里的党群服务中心在哪\n分类：其他\n相似问法：党群服务中心地址\n来源：村党支部\n在村委会一楼，工作日 9:00–17:00 开放。\n',
    );
    rt = await testRuntime({ KB_DIR: dir });
    await seedBranches(rt);
  });
  afterAll(async () => {
    await rt.stop();
  });

  test('the bot answers from that KB alone', async () => {
    expect((await rt.say('u_x', 'g_home', '党群服务中心在哪？')).texts[0]).toContain('【村里的党群服务中心在哪】');
    const shipped = (await rt.say('u_x', 'g_home', '异地就医备案怎么办理')).texts[0];
    expect(shipped).toMatch(/不太确定|帮不上/);
    expect(shipped).not.toContain('【异地就医备案怎么办理】\n');
  });

  test('a member may not reload; a secretary reloads after an edit without a restart', async () => {
    await rt.say('u_m', 'g_home', '报到 赵六 广东广州');
    expect((await rt.say('u_m', 'g_home', '重载知识库')).texts[0]).toContain('是支部书记的命令');
    fs.appendFileSync(
      file(),
      '\n## 老年人补贴怎么申请\n分类：其他\n来源：户籍地乡镇民政办\n到户籍地乡镇民政办申请。\n',
    );
    expect((await rt.say('u_sec', 'g_home', '重载知识库')).texts[0]).toBe('✅ 知识库已重新加载：1 个文件，2 条问答。');
    expect((await rt.say('u_x', 'g_home', '老年人补贴怎么申请')).texts[0]).toContain('【老年人补贴怎么申请】');
    expect((await rt.services.store.audit.list(5)).some((a) => a.action === 'kb.reload')).toBe(true);
  });

  test('a malformed file is reported with its line, and the last good KB keeps answering', async () => {
    fs.appendFileSync(file(), '\n## 坏条目\n分类：看病\n正文\n');
    const [text] = (await rt.say('u_sec', 'g_home', '重载知识库')).texts;
    expect(text).toContain('知识库没有更新，仍在使用上一版（2 条）');
    expect(text).toContain('local.md 第 13 行：分类「看病」不认识');
    expect((await rt.say('u_x', 'g_home', '老年人补贴怎么申请')).texts[0]).toContain('【老年人补贴怎么申请】');
  });

  test('a malformed KB stops start-up with the file and line', async () => {
    const bad = tempDir('zhibu-kb-bad-');
    fs.writeFileSync(path.join(bad, 'x.md'), '没有标题的正文\n');
    await expect(testRuntime({ KB_DIR: bad })).rejects.toThrow('知识库格式错误：x.md 第 1 行');
  });
});
