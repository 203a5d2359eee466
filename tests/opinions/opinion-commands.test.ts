import { cleanupTempDirs } from '../helpers/temp-dir';
import { seedBranches, testRuntime, type TestRuntime } from '../helpers/test-runtime';

afterAll(cleanupTempDirs);

const textTo = (r: { replies: Array<{ chatId: string; text: string }> }, chatId: string) =>
  r.replies
    .filter((x) => x.chatId === chatId)
    .map((x) => x.text)
    .join('\n');
const single = { chatType: 'single' };

/**
 * 青山村党支部 (home, secretary 王书记 = u_sec), 广州流动党支部 (host, secretary 李书记 = u_hsec). 张三 (u_a) belongs to
 * both; 李四 (u_b) to the host branch only.
 */
describe('意见建议 through the simulator', () => {
  let rt: TestRuntime;
  const store = () => rt.services.store;
  beforeAll(async () => {
    rt = await testRuntime();
    await seedBranches(rt);
    await rt.say('u_hsec', 'g_host', '报到 李书记 广东广州');
    await rt.say('u_admin', 'g_host', '设为书记 李书记');
    await rt.say('u_a', 'g_home', '报到 张三 广东广州');
    await rt.say('u_a', 'g_host', '报到 张三 广东广州');
    await rt.say('u_b', 'g_host', '报到 李四 广东广州');
  });
  afterAll(async () => {
    await rt.stop();
  });

  test('意见 in a group: the group only hears it arrived; Y1 goes 1:1; the chat decides the branch', async () => {
    const r = await rt.say('u_a', 'g_home', '意见 支部学习时间都在白天，我们在外打工的参加不了');
    expect(textTo(r, 'g_home')).toBe('已收到，编号和办理进展会私聊告诉你。');
    expect(textTo(r, 'g_home')).not.toContain('学习时间');
    expect(textTo(r, 'u_a')).toContain('你的意见已登记，编号 Y1（分类：支部工作）');
    expect(textTo(r, 'u_a')).toContain('责任支部：青山村党支部（流出地）');
    expect(textTo(r, 'u_sec')).toContain('📮 新意见 Y1');
    expect(textTo(r, 'u_sec')).toContain('提出人：张三');
    expect(r.replies.some((x) => x.chatId === 'u_hsec')).toBe(false);
    expect(await store().opinions.get(1)).toMatchObject({ branchSide: 'home', status: 'received', anonymous: false });
  });

  test('建议 匿名 流入地 in 1:1: the host secretary sees the text verbatim and 匿名党员, never the sender', async () => {
    const text = '建议　匿名 流入地 希望组织一次“工友夜谈会”，听听大家的想法！';
    const r = await rt.say('u_a', 'u_a', text, single);
    expect(textTo(r, 'u_a')).toContain('你的建议已登记，编号 Y2');
    expect(textTo(r, 'u_a')).toContain('🔒 这是匿名意见');
    const card = textTo(r, 'u_hsec');
    expect(card).toContain('提出人：匿名党员');
    expect(card).toContain('内容：希望组织一次“工友夜谈会”，听听大家的想法！');
    expect(card).not.toContain('张三');
    const y2 = (await store().opinions.get(2))!;
    expect(y2).toMatchObject({ kind: 'suggestion', anonymous: true, branchSide: 'host' });
    expect(y2.memberId).toBeUndefined();
    expect(y2.sourceKey).toMatch(/^anon:[0-9a-f]{32}$/);
    expect((await store().opinions.listEvents(2))[0].actor).toBe('anonymous');
  });

  test('bad input changes nothing: no text, unknown Y, a member using a secretary command, a stranger', async () => {
    const before = await store().opinions.list();
    expect((await rt.say('u_a', 'u_a', '意见', single)).texts[0]).toContain('缺少意见内容');
    expect((await rt.say('u_a', 'u_a', '建议 匿名', single)).texts[0]).toContain('缺少建议内容');
    expect((await rt.say('u_sec', 'u_sec', '答复 Y99 好的', single)).texts[0]).toContain('没有找到意见 Y99');
    expect((await rt.say('u_sec', 'u_sec', '答复 X1 好的', single)).texts[0]).toContain('不是意见编号');
    expect((await rt.say('u_b', 'u_b', '销号 Y1 已解决', single)).texts[0]).toContain('只对支部书记和管理员开放');
    expect((await rt.say('u_hsec', 'u_hsec', '销号 Y1 已解决', single)).texts[0]).toContain('不归你的支部办理');
    expect((await rt.say('u_b', 'u_b', '确认 Y1', single)).texts[0]).toContain('Y1 不是你提交的');
    expect((await rt.say('u_sec', 'u_sec', '销号 Y1', single)).texts[0]).toContain('缺少办理结果');
    expect((await rt.say('u_a', 'u_a', '确认 Y1', single)).texts[0]).toContain('还没有销号');
    expect((await rt.say('u_a', 'u_a', '不满意 Y1 太慢', single)).texts[0]).toContain('还没有销号');
    expect(await store().opinions.list()).toEqual(before);
  });

  test('答复 and 销号 reach the anonymous sender 1:1; closing twice is refused', async () => {
    const a = await rt.say('u_hsec', 'u_hsec', '答复 Y2 好主意，我们在筹备', single);
    expect(textTo(a, 'u_a')).toContain('你的建议 Y2 有了答复：\n好主意，我们在筹备');
    expect(textTo(a, 'u_hsec')).toContain('已答复 Y2，已私聊转达给提出人');
    expect(textTo(a, 'u_hsec')).not.toContain('张三');
    const c = await rt.say('u_hsec', 'u_hsec', '销号 Y2 12月8日晚在城中村党群服务站召开夜谈会', single);
    expect(textTo(c, 'u_a')).toContain('已办结销号：\n12月8日晚在城中村党群服务站召开夜谈会');
    expect(textTo(c, 'u_a')).toContain('确认 Y2');
    const closed = await store().opinions.get(2);
    const twice = await rt.say('u_hsec', 'u_hsec', '销号 Y2 再来一次', single);
    expect(twice.texts[0]).toBe('意见 Y2 已经销号，不能重复销号。');
    expect(await store().opinions.get(2)).toEqual(closed);
    expect((await rt.say('u_hsec', 'u_hsec', '答复 Y2 补充', single)).texts[0]).toContain('已销号，不能再答复');
  });

  test('不满意 reopens once; a second dispute gets a clear reply and changes nothing', async () => {
    const d = await rt.say('u_a', 'u_a', '不满意 Y2 时间定在工作日晚上，还是去不了', single);
    expect(textTo(d, 'u_a')).toContain('已退回重新办理（Y2）');
    expect(textTo(d, 'u_hsec')).toContain('⚠️ 匿名党员对 Y2 的办理结果不满意');
    expect(await store().opinions.get(2)).toMatchObject({ status: 'answered', disputes: 1 });
    const again = await rt.say('u_hsec', 'u_hsec', '销号 Y2 改到周日晚上', single);
    expect(textTo(again, 'u_a')).toContain('不能再次退回');
    const before = await store().opinions.get(2);
    const second = await rt.say('u_a', 'u_a', '不满意 Y2 还是不行', single);
    expect(second.texts[0]).toContain('已经退回重新办理过一次，不能再次退回');
    expect(await store().opinions.get(2)).toEqual(before);
    expect((await rt.say('u_a', 'u_a', '确认 Y2', single)).texts[0]).toContain('感谢确认');
    expect((await rt.say('u_a', 'u_a', '确认 Y2', single)).texts[0]).toContain('已经确认过');
  });

  test('上报 hands it to the township: the sender and the admins hear, and it cannot be closed by the branch', async () => {
    const r = await rt.say('u_sec', 'u_sec', '上报 Y1 涉及全镇学习安排，需乡镇党委统筹', single);
    expect(textTo(r, 'u_a')).toContain('已上报乡镇党委办理。\n理由：涉及全镇学习安排，需乡镇党委统筹');
    expect(textTo(r, 'u_admin')).toContain('⬆️ 青山村党支部上报乡镇党委');
    expect(await store().opinions.get(1)).toMatchObject({ status: 'referred' });
    expect((await rt.say('u_sec', 'u_sec', '销号 Y1 好了', single)).texts[0]).toContain('已上报乡镇党委');
  });

  test('意见列表 (1:1 from a group) and 我的意见', async () => {
    const list = await rt.say('u_sec', 'g_home', '意见列表 全部');
    expect(textTo(list, 'g_home')).toBe('意见列表已私聊发给你（内容不在群里显示）。');
    expect(textTo(list, 'u_sec')).toContain('Y1【支部工作】已上报乡镇党委');
    expect(textTo(list, 'u_sec')).not.toContain('Y2');
    const host = await rt.say('u_hsec', 'u_hsec', '意见列表 全部', single);
    expect(host.texts[0]).toContain('Y2【');
    expect(host.texts[0]).toContain('匿名党员');
    expect(host.texts[0]).not.toContain('张三');
    const mine = await rt.say('u_a', 'u_a', '我的意见', single);
    expect(mine.texts[0]).toContain('Y2');
    expect(mine.texts[0]).toContain('🔒匿名');
    expect((await rt.say('u_b', 'u_b', '我的意见', single)).texts[0]).toContain('还没有提过意见建议');
  });
});
