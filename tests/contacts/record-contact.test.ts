import { cleanupTempDirs } from '../helpers/temp-dir';
import { seedBranches, testRuntime, type TestRuntime } from '../helpers/test-runtime';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const SECRET = '其父亲住院 需要帮扶';

/**
 * 谈话/走访 through /sim. 青山村 (home, g_home): 王书记 u_sec; 张三 u_a (also in 广州 host, g_host, 刘书记 u_hsec);
 * two 张伟 u_w1 u_w2. 绿水村 (home, g_other): 孙书记 u_other, 钱六 u_q.
 */
describe('talks and visits', () => {
  let rt: TestRuntime;
  const contacts = () => rt.services.store.contacts.list();
  beforeAll(async () => {
    rt = await testRuntime();
    await seedBranches(rt);
    await rt.say('u_admin', 'g_other', '绑定支部 绿水村党支部 流出');
    await rt.say('u_hsec', 'g_host', '报到 刘书记 广东广州');
    await rt.say('u_admin', 'g_host', '设为书记 刘书记');
    await rt.say('u_other', 'g_other', '报到 孙书记 广东深圳');
    await rt.say('u_admin', 'g_other', '设为书记 孙书记');
    await rt.say('u_a', 'g_home', '报到 张三 广东广州');
    await rt.say('u_a', 'g_host', '报到 张三 广东广州');
    await rt.say('u_w1', 'g_home', '报到 张伟 广东广州');
    await rt.say('u_q', 'g_other', '报到 钱六 广东深圳');
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('a secretary records a talk 1:1, verbatim, with a photo', async () => {
    const r = await rt.say('u_sec', 'u_sec', `谈话 张三 ${SECRET}\n  家里一切安好 `, { images: [PNG] });
    expect(r.texts[0]).toContain('已记录对张三的谈话');
    expect(r.texts[0]).toContain('照片 1 张');
    const [c] = await contacts();
    expect(c).toMatchObject({ kind: 'talk', note: `${SECRET}\n  家里一切安好`, recordedBy: 'sim:u_sec' });
    expect(c.media).toHaveLength(1);
    expect(await rt.services.store.blobs.has(c.media[0].sha256)).toBe(true);
  });

  test('the host secretary may record a visit to a member of the host branch', async () => {
    const r = await rt.say('u_hsec', 'u_hsec', '走访 张三 到工地看望');
    expect(r.texts[0]).toContain('已记录对张三的走访');
    expect((await contacts()).map((c) => c.kind)).toEqual(['visit', 'talk']);
  });

  test('attacker: in a group the notes are not echoed and nothing is recorded', async () => {
    const r = await rt.say('u_sec', 'g_home', `谈话 张三 ${SECRET}`);
    expect(r.texts).toHaveLength(1);
    expect(r.texts[0]).toContain('只能在与机器人的私聊中发送');
    expect(r.texts.join('')).not.toContain('住院');
    expect((await rt.transcript('g_home')).filter((m) => m.from === 'bot' && m.text.includes('住院'))).toEqual([]);
    expect(await contacts()).toHaveLength(2);
  });

  test('attacker: a near-miss of the command in a group gets the command back without the notes', async () => {
    const r = await rt.say('u_sec', 'g_home', `谈画 张三 ${SECRET}`);
    expect(r.texts[0]).toContain('你是不是想发：谈话');
    expect(r.texts.join('')).not.toContain('住院');
    expect((await rt.say('u_sec', 'u_sec', `谈画 张三 ${SECRET}`)).texts[0]).toContain(`谈话 张三 ${SECRET}`);
    expect(await contacts()).toHaveLength(2);
  });

  test('attacker: a member cannot record, and learns nothing', async () => {
    const r = await rt.say('u_w1', 'u_w1', `谈话 张三 ${SECRET}`);
    expect(r.texts[0]).toContain('只对支部书记和管理员开放');
    expect(r.texts.join('')).not.toContain('住院');
    expect(await contacts()).toHaveLength(2);
  });

  test("attacker: another branch's secretary cannot record about a member outside it", async () => {
    const r = await rt.say('u_other', 'u_other', '走访 张三 冒充走访');
    expect(r.texts[0]).toContain('你管理的支部里没有名叫「张三」的党员');
    expect(await contacts()).toHaveLength(2);
  });

  test('two members of one name: asks which, records nothing; 姓名#编号 picks one', async () => {
    const second = await rt.services.store.members.create(
      { name: '张伟', homeBranchId: (await rt.services.store.branches.findByName('青山村党支部'))!.id },
      rt.clock.now(),
    );
    const ask = await rt.say('u_sec', 'u_sec', '谈话 张伟 近况良好');
    expect(ask.texts[0]).toContain('有 2 位党员叫「张伟」');
    expect(ask.texts[0]).toContain(`张伟#${second.id}`);
    expect(await contacts()).toHaveLength(2);
    const ok = await rt.say('u_sec', 'u_sec', `谈话 张伟#${second.id} 近况良好`);
    expect(ok.texts[0]).toContain('已记录对张伟的谈话');
    expect((await contacts())[0].memberId).toBe(second.id);
  });

  test('bad input: no notes, no name, an unknown name — the form comes back and nothing changes', async () => {
    expect((await rt.say('u_sec', 'u_sec', '谈话 张三')).texts[0]).toContain('缺少谈话要点');
    expect((await rt.say('u_sec', 'u_sec', '走访')).texts[0]).toContain('正确格式：走访 <姓名> <要点>');
    expect((await rt.say('u_sec', 'u_sec', '走访 无此人 看望')).texts[0]).toContain('没有名叫「无此人」');
    expect(await contacts()).toHaveLength(3);
  });

  test('a redelivered message records once', async () => {
    await rt.say('u_admin', 'u_admin', '走访 钱六 县里看望', { msgId: 'dup-1' });
    await rt.say('u_admin', 'u_admin', '走访 钱六 县里看望', { msgId: 'dup-1' });
    expect((await contacts()).filter((c) => c.note === '县里看望')).toHaveLength(1);
  });
});
