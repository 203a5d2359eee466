import { cleanupTempDirs } from '../helpers/temp-dir';
import { seedBranches, testRuntime, type TestRuntime } from '../helpers/test-runtime';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const ACTIVITY = '发布活动 周六社区环境清扫\n时间：12月5日 上午9点\n地点：村委会门口\n名额：3\n分值：5';
const MEMBERS = [
  ['u_a', '张三'],
  ['u_b', '李四'],
  ['u_c', '赵五'],
  ['u_d', '钱六'],
];

/** 奉献 commands through /sim: publishing, claiming places, proof, confirmation and what bad input changes (nothing). */
describe('微心愿 and volunteer activities in chat', () => {
  let rt: TestRuntime;
  const store = () => rt.services.store;
  const memberOf = async (userId: string) => (await store().identities.find('sim', userId))!.memberId;
  const snapshot = async () => ({
    items: await store().service.list(),
    claims: await store().service.listClaims(1),
    ledger: await store().ledger.list(),
  });
  beforeEach(async () => {
    rt = await testRuntime();
    await seedBranches(rt);
    for (const [u, name] of MEMBERS) await rt.say(u, 'g_home', `报到 ${name} 广州`);
  });
  afterEach(async () => {
    await rt.stop();
  });
  afterAll(cleanupTempDirs);

  test('a secretary publishes an activity; a member cannot, and bad input gets the form back', async () => {
    const refused = await rt.say('u_a', 'g_home', ACTIVITY);
    expect(refused.texts[0]).toContain('是支部书记的命令');
    const noPlaces = await rt.say('u_sec', 'g_home', '发布活动 清扫\n时间：周六\n地点：村口\n分值：5');
    expect(noPlaces.texts[0]).toContain('缺少「名额：N」');
    expect(noPlaces.texts[0]).toContain('正确格式：发布活动');
    expect(await store().service.list()).toEqual([]);
    const posted = await rt.say('u_sec', 'g_home', ACTIVITY);
    expect(posted.texts[0]).toContain('志愿活动 A1：周六社区环境清扫');
    expect(posted.texts[0]).toContain('名额：3 人');
    const wish = await rt.say('u_sec', 'g_home', '发布心愿 王奶奶想要一台收音机\n名额：1\n分值：3');
    expect(wish.texts[0]).toContain('微心愿 W2：王奶奶想要一台收音机');
    expect((await store().service.get(1))!.content).toBe(ACTIVITY.slice('发布活动 '.length));
  });

  test('3 places, 4 members: the 4th is refused; a second claim changes nothing; a cancel frees a place', async () => {
    await rt.say('u_sec', 'g_home', ACTIVITY);
    for (const [u] of MEMBERS.slice(0, 3)) expect((await rt.say(u, 'g_home', '报名 A1')).texts[0]).toContain('✅');
    const before = await snapshot();
    expect((await rt.say('u_d', 'g_home', '报名 A1')).texts[0]).toContain('3 个名额已满');
    expect((await rt.say('u_a', 'g_home', '报名 A1')).texts[0]).toContain('你已经报名过 A1');
    expect((await rt.say('u_a', 'g_home', '认领 A1')).texts[0]).toContain('缺少W编号');
    // A member of another branch, writing in this branch's group, takes no place here.
    await rt.say('u_x', 'g_host', '报到 周八 广州');
    expect((await rt.say('u_x', 'g_home', '报名 A1')).texts[0]).toContain('没有找到本支部的 A1');
    expect(await snapshot()).toEqual(before);
    expect((await rt.say('u_b', 'g_home', '取消报名 A1')).texts[0]).toContain('名额已让出');
    expect((await rt.say('u_d', 'g_home', '报名 A1')).texts[0]).toContain('名额 3/3');
  });

  test('claims racing for the last places never exceed them', async () => {
    await rt.say('u_sec', 'g_home', '发布心愿 帮村里孤寡老人打扫院子\n名额：2\n分值：4');
    const replies = await Promise.all(MEMBERS.map(([u]) => rt.say(u, 'g_home', '认领 W1')));
    const texts = replies.map((r) => r.texts[0]);
    expect(texts.filter((t) => t.includes('✅'))).toHaveLength(2);
    expect(texts.filter((t) => t.includes('名额已满'))).toHaveLength(2);
    expect((await store().service.listClaims(1)).filter((c) => c.status !== 'cancelled')).toHaveLength(2);
  });

  test('completion needs a photo; the secretary confirms once and 奉献 points are booked once', async () => {
    await rt.say('u_sec', 'g_home', ACTIVITY);
    await rt.say('u_a', 'g_home', '报名 A1');
    expect((await rt.say('u_a', 'g_home', '完成 A1')).texts[0]).toContain('请附上照片');
    expect((await rt.say('u_sec', 'g_home', '确认 A1 张三')).texts[0]).toContain('还没有提交完成证明');
    const done = await rt.say('u_a', 'g_home', '完成 A1 清扫了两条街', { images: [PNG] });
    expect(done.texts[0]).toContain('已收到 志愿活动 A1《周六社区环境清扫》的完成证明');
    const claim = (await store().service.find(1, await memberOf('u_a')))!;
    expect(claim).toMatchObject({ status: 'completed', note: '清扫了两条街' });
    expect(await store().blobs.has(claim.media[0].sha256)).toBe(true);
    expect((await rt.say('u_b', 'g_home', '确认 A1 张三')).texts[0]).toContain('是支部书记的命令');
    expect((await rt.say('u_sec', 'g_home', '确认 A1 张三')).texts[0]).toContain('张三：已确认，+5 分（奉献）');
    expect((await rt.say('u_sec', 'g_home', '确认 A1 张三')).texts[0]).toContain('之前已确认，积分不重复计算');
    const entries = await store().ledger.list();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ delta: 5, kind: 'service', category: 'service', memberId: claim.memberId });
    expect((await rt.say('u_a', 'g_home', '取消报名 A1')).texts[0]).toContain('不能再取消');
  });

  test('排名 shows 学习 and 奉献 apart and together', async () => {
    await rt.say('u_sec', 'g_home', '发布任务 学习党章\n截止：2026-12-07 18:00\n分值：10');
    await rt.say('u_a', 'g_home', '#1', { images: [PNG] });
    await rt.say('u_sec', 'g_home', '发布心愿 王奶奶想要一台收音机\n名额：1\n分值：3');
    expect((await rt.say('u_b', 'g_home', '认领 W1')).texts[0]).toContain('✅');
    expect((await rt.say('u_b', 'g_home', '完成 W1', { images: [PNG] })).texts[0]).toContain('完成证明');
    expect((await rt.say('u_sec', 'g_home', '确认 W1 全部')).texts[0]).toContain('李四：已确认，+3 分（奉献）');
    const all = (await rt.say('u_a', 'g_home', '排名')).texts[0];
    expect(all).toContain('1. 张三 10 分\n2. 李四 3 分（学习 0，奉献 3）');
    expect((await rt.say('u_a', 'g_home', '排名 奉献')).texts[0]).toContain('奉献积分排名（前 10）\n1. 李四 3 分');
    const study = (await rt.say('u_a', 'g_home', '排行 本周 学习')).texts[0];
    expect(study).toContain('本周学习积分排名');
    expect(study).toContain('1. 张三 10 分');
    expect(study).not.toContain('李四');
    expect((await rt.say('u_a', 'g_home', '排名 明年')).texts[0]).toContain('积分可选：学习、奉献');
  });
});
