import { cleanupTempDirs } from '../helpers/temp-dir';
import { seedBranches, testRuntime, type TestRuntime } from '../helpers/test-runtime';

afterAll(cleanupTempDirs);

const REQUEST = '我女儿小红明年上小学，户口在老家，电话13800138000，不知道在这边要准备什么材料';
const ANSWER = '请带户口本、居住证和租房合同到街道办登记';
const NOTE = '孩子今年6岁，社保交了两年';
const RESULT = '已协助在街道办完成入学信息登记';
const PRIVATE_WORDS = ['小红', '13800138000', '户口本、居住证', '社保交了两年', '入学信息登记', '明年上小学'];

/** Bot messages of a chat (what the platform would have shown there). */
async function botTexts(rt: TestRuntime, chatId: string): Promise<string[]> {
  return (await rt.transcript(chatId)).filter((m) => m.from === 'bot').map((m) => m.text);
}

const textTo = (r: { replies: Array<{ chatId: string; text: string }> }, chatId: string) =>
  r.replies
    .filter((x) => x.chatId === chatId)
    .map((x) => x.text)
    .join('\n');

describe('a help case from 求助 to 评价, through the simulator', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime();
    await seedBranches(rt); // 青山村党支部 (home, secretary 王书记 = u_sec), 广州流动党支部 (host)
    await rt.say('u_hsec', 'g_host', '报到 李书记 广东广州');
    await rt.say('u_admin', 'g_host', '设为书记 李书记');
    await rt.say('u_admin', 'g_other', '绑定支部 佛山流动党支部 流入');
    await rt.say('u_osec', 'g_other', '报到 陈书记 广东佛山');
    await rt.say('u_admin', 'g_other', '设为书记 陈书记');
    await rt.say('u_a', 'g_home', '报到 张三 广东广州');
    await rt.say('u_a', 'g_host', '报到 张三 广东广州');
    await rt.say('u_b', 'g_host', '报到 李四 广东广州');
  });
  afterAll(async () => {
    await rt.stop();
  });

  test('求助 in a group: the group only hears "received"; the member gets H1 1:1; the host secretary gets the case, the home secretary a copy', async () => {
    const r = await rt.say('u_a', 'g_host', `求助 ${REQUEST}`, { msgId: 'help-1' });
    expect(textTo(r, 'g_host')).toBe('已收到，书记会私聊联系你');
    expect(textTo(r, 'u_a')).toContain('你的求助已登记，编号 H1（分类：就学）');
    expect(textTo(r, 'u_a')).toContain('已交给李书记跟进');
    const toHost = textTo(r, 'u_hsec');
    expect(toHost).toContain('🆘 新求助 H1（就学）');
    expect(toHost).toContain('党员：张三（青山村党支部 → 广州流动党支部）');
    expect(toHost).toContain(`内容：${REQUEST}`);
    expect(textTo(r, 'u_sec')).toContain('📋 抄送：本支部党员求助 H1');
    expect(r.replies.some((x) => x.chatId === 'u_osec')).toBe(false);
  });

  test('a redelivered 求助 opens nothing new', async () => {
    const again = await rt.say('u_a', 'g_host', `求助 ${REQUEST}`, { msgId: 'help-1' });
    expect(again.body.duplicate).toBe(true);
    expect(await rt.services.store.helpCases.list()).toHaveLength(1);
  });

  test("我的求助 and 求助列表 go 1:1; only the case's secretaries see it", async () => {
    const mine = await rt.say('u_a', 'g_host', '我的求助');
    expect(textTo(mine, 'g_host')).toBe('你的求助记录已私聊发给你（求助内容不在群里显示）。');
    expect(textTo(mine, 'u_a')).toMatch(/H1【就学】待回复 12-01：我女儿小红/);
    const list = await rt.say('u_hsec', 'g_host', '求助列表');
    expect(textTo(list, 'g_host')).toBe('求助列表已私聊发给你（求助内容不在群里显示）。');
    expect(textTo(list, 'u_hsec')).toContain('H1【就学】待回复 12-01 张三（青山村党支部 → 广州流动党支部）');
    expect((await rt.say('u_osec', 'u_osec', '求助列表', { chatType: 'single' })).texts[0]).toContain(
      '目前没有未结案的求助',
    );
  });

  test('分类 corrects the category; a wrong category is explained', async () => {
    expect((await rt.say('u_hsec', 'u_hsec', '分类 H1 看病', { chatType: 'single' })).texts[0]).toContain(
      '分类「看病」不认识，只能是 就业|就医|就学|其他',
    );
    expect((await rt.say('u_hsec', 'u_hsec', '分类 H1 就医', { chatType: 'single' })).texts[0]).toBe(
      '✅ H1 的分类已改为「就医」。',
    );
    expect((await rt.say('u_hsec', 'u_hsec', '分类 H1 就学', { chatType: 'single' })).texts[0]).toBe(
      '✅ H1 的分类已改为「就学」。',
    );
  });

  test('only the people following a case may answer it', async () => {
    expect((await rt.say('u_osec', 'u_osec', `回复 H1 ${ANSWER}`, { chatType: 'single' })).texts[0]).toContain(
      '不归你负责',
    );
    expect((await rt.say('u_b', 'u_b', `回复 H1 ${ANSWER}`, { chatType: 'single' })).texts[0]).toContain(
      '是支部书记的命令',
    );
    expect((await rt.say('u_hsec', 'u_hsec', '回复 H9 你好', { chatType: 'single' })).texts[0]).toContain(
      '没有找到求助 H9',
    );
    expect((await rt.say('u_hsec', 'u_hsec', '回复 H1', { chatType: 'single' })).texts[0]).toContain('缺少答复内容');
    expect((await rt.services.store.helpCases.get(1))?.status).toBe('open');
  });

  test('回复 is relayed to the member 1:1 and marks the case answered', async () => {
    const r = await rt.say('u_hsec', 'u_hsec', `回复 H1 ${ANSWER}`, { chatType: 'single' });
    expect(textTo(r, 'u_hsec')).toBe('✅ 已把答复私聊转达给张三（H1）。');
    expect(textTo(r, 'u_a')).toBe(`💬 李书记答复了你的求助 H1：\n${ANSWER}\n如需补充：补充 H1 <内容>`);
    expect(await rt.services.store.helpCases.get(1)).toMatchObject({
      status: 'replied',
      firstReplyAt: rt.clock.now().toISOString(),
    });
  });

  test('补充 from the member goes to the assignee; in a group it is not echoed', async () => {
    const r = await rt.say('u_a', 'g_host', `补充 H1 ${NOTE}`);
    expect(textTo(r, 'g_host')).toBe('已收到，书记会私聊联系你');
    expect(textTo(r, 'u_hsec')).toContain(`📝 张三补充了求助 H1：\n${NOTE}`);
    expect((await rt.say('u_b', 'u_b', '补充 H1 我也要', { chatType: 'single' })).texts[0]).toContain('不是你提交的');
  });

  test('转交 hands the case to another secretary; both the new assignee and the member are told', async () => {
    expect((await rt.say('u_hsec', 'u_hsec', '转交 H1 李四', { chatType: 'single' })).texts[0]).toContain(
      '没有找到名叫「李四」的支部书记或管理员',
    );
    const r = await rt.say('u_hsec', 'g_host', '转交 H1 王书记');
    expect(textTo(r, 'g_host')).toBe('✅ 已把 H1 转交给王书记。（求助涉及个人情况，建议私聊我处理。）');
    expect(textTo(r, 'u_sec')).toContain('📨 李书记转交给你的求助 H1（就学）');
    expect(textTo(r, 'u_a')).toBe('你的求助 H1 已转交给王书记跟进，会尽快联系你。');
    const wang = await rt.services.store.members.findByName('王书记');
    expect((await rt.services.store.helpCases.get(1))?.assigneeId).toBe(wang[0].id);
  });

  test('结案 tells the member the result and asks for a rating; a closed case takes no more replies', async () => {
    const r = await rt.say('u_sec', 'g_home', `结案 H1 ${RESULT}`);
    expect(textTo(r, 'g_home')).toBe('✅ H1 已结案，已私聊请党员评价。（求助涉及个人情况，建议私聊我处理。）');
    expect(textTo(r, 'u_a')).toBe(`✅ 你的求助 H1 已办结：\n${RESULT}\n请评价办理结果：评价 H1 满意 或 评价 H1 不满意`);
    expect(await rt.services.store.helpCases.get(1)).toMatchObject({ status: 'closed', result: RESULT });
    expect((await rt.say('u_hsec', 'u_hsec', '回复 H1 还有事', { chatType: 'single' })).texts[0]).toContain('已结案');
    expect((await rt.say('u_sec', 'u_sec', '结案 H1 再结一次', { chatType: 'single' })).texts[0]).toContain(
      'H1 已结案',
    );
  });

  test('评价: only the member, only 满意|不满意; 不满意 goes back to the secretaries', async () => {
    expect((await rt.say('u_b', 'g_host', '评价 H1 满意')).texts[0]).toContain('不是你提交的');
    expect((await rt.say('u_a', 'g_host', '评价 H1 一般')).texts[0]).toContain('「一般」不是评价，请写 满意 或 不满意');
    const bad = await rt.say('u_a', 'g_host', '评价 H1 不满意');
    expect(textTo(bad, 'g_host')).toBe('已收到你的评价（H1：不满意），书记会再联系你了解情况。');
    expect(textTo(bad, 'u_sec')).toContain('张三对求助 H1 的办理结果不满意');
    expect(textTo(bad, 'u_hsec')).toContain('张三对求助 H1 的办理结果不满意');
    expect((await rt.say('u_a', 'g_host', '评价 H1 满意')).texts[0]).toBe('感谢评价！求助 H1：满意。');
    expect(await rt.services.store.helpCases.get(1)).toMatchObject({ rating: 'satisfied' });
  });

  test('the history records every step, and the counts feed the dashboard', async () => {
    const kinds = (await rt.services.store.helpCases.listEvents(1)).map((e) => e.kind);
    expect(kinds).toEqual(['open', 'category', 'category', 'reply', 'note', 'transfer', 'close', 'rate', 'rate']);
    expect(await rt.services.store.helpCases.counts()).toEqual([{ category: 'schooling', status: 'closed', count: 1 }]);
  });

  test('nothing of the request, the answers or the result ever appeared in a group chat', async () => {
    for (const chat of ['g_home', 'g_host', 'g_other']) {
      const texts = (await botTexts(rt, chat)).join('\n');
      for (const word of PRIVATE_WORDS)
        expect({ chat, word, leaked: texts.includes(word) }).toEqual({ chat, word, leaked: false });
    }
    const privateChat = (await botTexts(rt, 'u_a')).join('\n');
    expect(privateChat).toContain('小红');
    expect(privateChat).toContain(RESULT);
  });
});

describe('help cases without a secretary to assign', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime();
    await rt.say('u_admin', 'g_x', '绑定支部 新建流动党支部 流入');
    await rt.say('u_c', 'g_x', '报到 孙七 广东东莞');
  });
  afterAll(async () => {
    await rt.stop();
  });

  test('the configured admins get the case and the member is told so; 求助 without text is explained', async () => {
    expect((await rt.say('u_c', 'u_c', '求助', { chatType: 'single' })).texts[0]).toContain('缺少求助内容');
    const r = await rt.say('u_c', 'u_c', '求助 工地老板欠了我两个月工资', { chatType: 'single' });
    expect(textTo(r, 'u_c')).toContain('编号 H1（分类：就业）');
    expect(textTo(r, 'u_c')).toContain('已转给管理员');
    expect(textTo(r, 'u_admin')).toContain('🆘 新求助（所在支部没有可联系的书记） H1（就业）');
    expect((await rt.say('u_nobody', 'u_nobody', '求助 我想问问', { chatType: 'single' })).texts[0]).toContain(
      '你还没有报到',
    );
  });
});
