import { cleanupTempDirs } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { cst } from '../jobs/jobs-fixture';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const MEETING =
  '安排会议 学习全会精神\n类型：支部党员大会\n时间：12月10日 14:00-16:00\n地点：村委会会议室\n签到：开始前30分钟至结束\n分值：5';

/** The meeting commands through /sim: who may schedule, the sign-in window, photos, leave and who sees what. */
describe('meeting commands', () => {
  let rt: TestRuntime;
  const at = (local: string) => rt.clock.set(cst(local));
  const first = async (u: string, chat: string, text: string, extra?: Record<string, unknown>) =>
    (await rt.say(u, chat, text, extra)).texts[0];
  const ledger = async (name: string) => {
    const [m] = await rt.services.store.members.findByName(name);
    return rt.services.store.ledger.listByMember(m.id);
  };

  beforeAll(async () => {
    rt = await testRuntime({}, cst('2026-12-07T09:00:00').toISOString());
    await rt.say('u_admin', 'g_home', '绑定支部 青山村党支部 流出');
    await rt.say('u_admin', 'g_host', '绑定支部 广州流动党支部 流入');
    await rt.say('u_wang', 'g_home', '报到 王书记 广东广州');
    await rt.say('u_admin', 'g_home', '设为书记 王书记');
    await rt.say('u_liu', 'g_host', '报到 刘书记 广东广州');
    await rt.say('u_admin', 'g_host', '设为书记 刘书记');
    await rt.say('u_zhang', 'g_home', '报到 张三 广东广州');
    await rt.say('u_zhang', 'g_host', '报到 张三 广东广州');
    await rt.say('u_li', 'g_home', '报到 李四 广东深圳');
    await rt.say('u_qian', 'g_host', '报到 钱六 广东广州');
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('a member cannot schedule; a past time or an unknown type gets the form back; nothing is created', async () => {
    expect(await first('u_zhang', 'g_home', MEETING)).toContain('是支部书记的命令');
    const past = await first('u_wang', 'g_home', MEETING.replace('12月10日 14:00-16:00', '今天 08:00'));
    expect(past).toContain('已经过去了');
    expect(past).toContain('正确格式：安排会议 <标题>');
    const type = await first('u_wang', 'g_home', MEETING.replace('支部党员大会', '座谈会'));
    expect(type).toContain('会议类型「座谈会」不认识');
    expect(await first('u_wang', 'g_home', MEETING.replace('类型：支部党员大会\n', ''))).toContain('缺少「类型：…」');
    expect(await rt.services.store.meetings.list()).toEqual([]);
  });

  test('the secretary schedules M1; it is posted with how to sign in; the same message twice makes one meeting', async () => {
    const post = await first('u_wang', 'g_home', MEETING, { msgId: 'sched-1' });
    expect(post).toContain('会议通知 M1《学习全会精神》');
    expect(post).toContain('时间：2026-12-10 14:00（周四）至 16:00');
    expect(post).toContain('签到 M1');
    await rt.say('u_wang', 'g_home', MEETING, { msgId: 'sched-1' });
    expect(await rt.services.store.meetings.list()).toHaveLength(1);
  });

  test('sign-in before the window, for an unknown number, or by a member of another branch changes nothing', async () => {
    expect(await first('u_zhang', 'g_home', '签到 M1')).toContain(
      '还没到签到时间，签到时间为 12-10 13:30 至 12-10 16:00',
    );
    expect(await first('u_zhang', 'g_home', '签到 M9')).toContain('没有找到你所在支部的会议 M9');
    at('2026-12-10T13:40:00');
    expect(await first('u_qian', 'g_host', '签到 M1')).toContain('没有找到你所在支部的会议 M1');
    expect(await first('u_zhang', 'g_home', '签到')).toContain('缺少会议编号');
    expect(await rt.services.store.meetings.listAttendance({})).toEqual([]);
  });

  test('inside the window a sign-in books the points once; a second sign-in is refused', async () => {
    expect(await first('u_zhang', 'g_home', '签到 M1')).toContain('✅ 张三 已签到 M1《学习全会精神》，记 5 分');
    expect(await first('u_zhang', 'g_host', '签到 m1')).toContain('无需重复签到');
    const entries = await ledger('张三');
    expect(entries.map((e) => [e.delta, e.kind, e.idemKey])).toEqual([
      [5, 'meeting', expect.stringMatching(/^meeting:1:member:\d+$/)],
    ]);
  });

  test('leave with a reason; a member sees counts, the secretary also sees who is absent and why', async () => {
    expect(await first('u_li', 'g_home', '请假 M1')).toContain('请写明请假理由');
    expect(await first('u_li', 'g_home', '请假 M1 在深圳加班')).toContain('已记录 李四 请假 M1');
    expect(await first('u_li', 'g_home', '请假 M1 又一次')).toContain('这次没有变更');
    const member = await first('u_zhang', 'g_home', '会议 M1');
    expect(member).toContain('应到 3 人，已签到 1 人，请假 1 人，未签到 1 人');
    expect(member).not.toContain('未签到：');
    expect(member).not.toContain('在深圳加班');
    const secretary = await first('u_wang', 'g_home', '会议 M1');
    expect(secretary).toContain('· 李四：在深圳加班');
    expect(secretary).toContain('未签到：王书记');
    expect(await ledger('李四')).toEqual([]);
  });

  test('a photo is required when the secretary asks for one; 线上 attendance of a hybrid meeting needs none', async () => {
    at('2026-12-07T10:00:00');
    const hybrid = `${MEETING.replace('学习全会精神', '主题党日').replace('支部党员大会', '主题党日')}\n线上：https://meeting.example/1\n照片：需要`;
    expect(await first('u_liu', 'g_host', hybrid)).toContain('M2');
    at('2026-12-10T14:10:00');
    expect(await first('u_qian', 'g_host', '签到 M2')).toContain('要求现场拍照签到');
    expect(await first('u_qian', 'g_host', '签到 M2', { images: [PNG] })).toContain('已签到 M2');
    expect(await first('u_qian', 'g_host', '签到 M2')).toContain('无需重复签到');
    // 张三 is 双报: his host branch's meeting is his too.
    expect(await first('u_zhang', 'g_host', '签到 M2 线上')).toContain('已签到 M2');
    const rows = await rt.services.store.meetings.listAttendance({ meetingIds: [2] });
    expect(rows.map((r) => Boolean(r.photo))).toEqual([true, false]);
  });

  test('after the end a sign-in or leave is refused; 会议 lists recent meetings', async () => {
    at('2026-12-10T16:30:00');
    expect(await first('u_wang', 'g_home', '签到 M1')).toContain('签到已结束');
    expect(await first('u_wang', 'g_home', '请假 M1 忘了')).toContain('已经结束');
    expect(await first('u_wang', 'g_home', '会议 M1')).toContain('缺席：王书记');
    const list = await first('u_zhang', 'g_home', '会议');
    expect(list).toContain('M1《学习全会精神》支部党员大会');
    expect(list).toContain('M2《主题党日》主题党日');
  });
});
