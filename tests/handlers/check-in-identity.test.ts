import { cleanupTempDirs } from '../helpers/temp-dir';
import { dingtalkRuntime, type DingtalkRuntime } from '../platforms/dingtalk/dingtalk-runtime';

/**
 * Taking over a member by typing their name: 王书记 is a secretary bound only through the simulator; a DingTalk user
 * checks in under that name in a DingTalk group bound to another host branch.
 */
describe('报到 never binds by name alone', () => {
  let d: DingtalkRuntime;
  const store = () => d.rt.services.store;

  async function snapshot() {
    const s = store();
    const members = await s.members.list();
    return {
      members: members.map(({ updatedAt: _u, lastSeenAt: _l, ...m }) => m),
      identities: (await Promise.all(members.map((m) => s.identities.listByMember(m.id)))).flat(),
      roles: (await Promise.all(members.map((m) => s.roles.listByMember(m.id)))).flat(),
      checkIns: (await Promise.all(members.map((m) => s.checkIns.listByMember(m.id)))).flat(),
      ledger: await s.ledger.list(),
    };
  }

  beforeEach(async () => {
    d = await dingtalkRuntime();
    await d.rt.say('u_admin', 'g_home', '绑定支部 青山村党支部 流出');
    await d.rt.say('u_admin', 'g_host', '绑定支部 广州流动党支部 流入');
    await d.rt.say('u_sec', 'g_home', '报到 王书记 广东广州');
    await d.rt.say('u_sec', 'g_host', '报到 王书记 广东广州');
    await d.rt.say('u_admin', 'g_home', '设为书记 王书记');
    await d.rt.say('u_zs', 'g_home', '报到 张三 广东广州');
    await d.say('staff_admin', '管理员', '绑定支部 佛山流动党支部 流入');
  });
  afterEach(async () => {
    await d.close();
  });
  afterAll(() => cleanupTempDirs());

  test("a DingTalk user typing a secretary's name gets no role, no 加分, no 后台 link, and the store is unchanged", async () => {
    const before = await snapshot();
    const [victim] = await store().members.findByName('王书记');
    await d.say('staff_evil', '王书记', '报到 王书记 广东广州');
    const answer = d.sessionReplies().at(-1)!.content;
    expect(answer).toContain('待确认');
    expect(answer).toContain('绑定码');
    expect(await store().identities.find('dingtalk', 'staff_evil')).toBeUndefined();

    await d.say('staff_evil', '王书记', '报到 王书记 广东广州');
    expect(d.sessionReplies().at(-1)!.content).toContain(/BQ\d{4}/.exec(answer)![0]);

    await d.say('staff_evil', '王书记', '加分 张三 50 志愿服务');
    expect(d.sessionReplies().at(-1)!.content).not.toContain('✅');
    await d.say('staff_evil', '王书记', '后台');
    expect(d.sessionReplies().at(-1)!.content).toContain('只对支部书记和管理员开放');
    expect(d.fake.calls.some((c) => JSON.stringify(c.body ?? {}).includes('/admin/login'))).toBe(false);

    expect(await snapshot()).toEqual(before);
    expect((await store().members.get(victim.id))?.hostBranchId).toBe(victim.hostBranchId);
  });

  test('a binding code from a 1:1 chat binds the DingTalk account once; the member is told on the old platform', async () => {
    expect((await d.rt.say('u_sec', 'g_home', '绑定码')).texts[0]).toContain('只在单聊里发放');
    const reply = (await d.rt.say('u_sec', 'u_sec', '绑定码')).texts[0];
    const code = /绑定 ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(reply)![1];
    const rows = JSON.stringify(
      (store() as unknown as { db: { prepare(s: string): { all(): unknown[] } } }).db
        .prepare('SELECT * FROM binding_codes')
        .all(),
    );
    expect(rows).not.toContain(code.replace('-', ''));
    expect(rows).not.toContain(code);

    await d.say('staff_wang', '王书记', `绑定 ${code.toLowerCase()}`);
    expect(d.sessionReplies().at(-1)!.content).toContain('已绑定');
    const [victim] = await store().members.findByName('王书记');
    expect(await store().identities.find('dingtalk', 'staff_wang')).toMatchObject({ memberId: victim.id });
    expect((await d.rt.transcript('u_sec')).at(-1)!.text).toContain('绑定了钉钉账号');

    await d.say('staff_evil', '王书记', `绑定 ${code}`);
    expect(d.sessionReplies().at(-1)!.content).toContain('绑定码不对或已失效');
    expect(await store().identities.find('dingtalk', 'staff_evil')).toBeUndefined();

    // Proven now: the check-in on DingTalk moves the host branch and the roles come along.
    await d.say('staff_wang', '王书记', '报到 王书记 广东佛山');
    expect(d.sessionReplies().at(-1)!.content).toContain('王书记 报到成功');
    const foshan = await store().branches.findByName('佛山流动党支部');
    expect((await store().members.get(victim.id))?.hostBranchId).toBe(foshan!.id);
  });

  test('binding codes expire, and guessing is cut off after a few misses', async () => {
    const code = /绑定 (\S+)/.exec((await d.rt.say('u_zs', 'u_zs', '绑定码')).texts[0])![1];
    d.rt.clock.advance(11 * 60_000);
    await d.say('staff_zs', '张三', `绑定 ${code}`);
    expect(d.sessionReplies().at(-1)!.content).toContain('绑定码不对或已失效');

    const fresh = /绑定 (\S+)/.exec((await d.rt.say('u_zs', 'u_zs', '绑定码')).texts[0])![1];
    for (let i = 0; i < 4; i++) await d.say('staff_zs', '张三', `绑定 AAAA-AAA${i + 2}`);
    await d.say('staff_zs', '张三', `绑定 ${fresh}`);
    expect(d.sessionReplies().at(-1)!.content).toContain('输错次数太多');
    expect(await store().identities.find('dingtalk', 'staff_zs')).toBeUndefined();
  });

  test('a secretary confirms a same-named check-in as a different person: 重名 members both work', async () => {
    await d.rt.say('u_zs2', 'g_home', '报到 张三 广东深圳 电话：13900139000');
    const notice = (await d.rt.transcript('u_sec')).at(-1)!.text;
    expect(notice).toMatch(/待确认报到 BQ\d{4}/);
    const receipt = /BQ\d{4}/.exec(notice)![0];
    const notices = (await d.rt.transcript('u_sec')).length;
    expect((await d.rt.say('u_zs2', 'g_home', '报到 张三 广东深圳')).texts[0]).toContain(receipt);
    expect((await d.rt.transcript('u_sec')).length).toBe(notices);
    expect((await d.rt.say('u_zs2', 'g_home', '积分')).texts[0]).toContain('还没有报到');

    const done = await d.rt.say('u_sec', 'u_sec', `确认报到 ${receipt} 新党员`);
    expect(done.texts.at(-1)).toContain('登记为新党员');
    const both = await store().members.findByName('张三');
    expect(both).toHaveLength(2);
    expect(both[0].destCity).toBe('广州');
    expect(both[1]).toMatchObject({ destCity: '深圳', phone: '13900139000' });
    expect((await d.rt.transcript('g_home')).some((m) => m.text.includes('张三 报到成功'))).toBe(true);
    expect((await d.rt.say('u_zs2', 'g_home', '积分')).texts[0]).toContain('张三的积分');
    expect((await d.rt.say('u_sec', 'u_sec', `确认报到 ${receipt}`)).texts.at(-1)).toContain('已确认');
  });

  test('confirming as the same person binds; a role holder needs an admin; other branches and 拒绝报到', async () => {
    await d.rt.say('u_zs_new', 'g_home', '报到 张三 广东广州');
    const zs = /BQ\d{4}/.exec((await d.rt.transcript('u_sec')).at(-1)!.text)![0];
    await d.rt.say('u_evil', 'g_home', '报到 王书记 广东广州');
    const wang = /BQ\d{4}/.exec((await d.rt.transcript('u_sec')).at(-1)!.text)![0];
    await d.say('staff_x', '张三', '报到 张三 广东佛山');
    const foshan = /BQ\d{4}/.exec(d.sessionReplies().at(-1)!.content)![0];

    expect((await d.rt.say('u_sec', 'u_sec', `确认报到 ${foshan}`)).texts.at(-1)).toContain(
      '没有找到你所管理支部的待确认报到',
    );
    expect((await d.rt.say('u_zs', 'g_home', `确认报到 ${zs}`)).texts[0]).toContain('没有找到');
    expect((await d.rt.say('u_sec', 'u_sec', `确认报到 ${wang}`)).texts.at(-1)).toContain('只能由管理员确认');
    expect(await store().identities.find('sim', 'u_evil')).toBeUndefined();
    expect((await d.rt.say('u_sec', 'u_sec', `拒绝报到 ${wang} 不是本人`)).texts.at(-1)).toContain('已拒绝');
    expect((await d.rt.transcript('g_home')).at(-1)!.text).toContain('未通过支部书记确认：不是本人');

    const [zhang] = await store().members.findByName('张三');
    expect((await d.rt.say('u_sec', 'u_sec', `确认报到 ${zs}`)).texts.at(-1)).toContain('绑定到「张三」');
    expect(await store().identities.find('sim', 'u_zs_new')).toMatchObject({ memberId: zhang.id });
    expect(await store().members.findByName('张三')).toHaveLength(1);
  });
});
