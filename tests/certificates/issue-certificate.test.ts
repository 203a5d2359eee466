import { reminderDate, validUntilFor } from '../../src/certificates/certificate';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { seedBranches, testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { cst, fire, jobRows } from '../jobs/jobs-fixture';

/**
 * 开具证明 through /sim, then the reminder a month before it runs out. 青山村 (home, g_home) 王书记 u_sec;
 * 广州 (host, g_host) 刘书记 u_hsec. 张三 away since 2026-10, 李四 since 2026-03, 赵五 without a departure month.
 */
describe('流动党员证明', () => {
  let rt: TestRuntime;
  const issued = () => rt.services.store.certificates.list();
  beforeAll(async () => {
    rt = await testRuntime({}, cst('2026-12-07T10:00:00').toISOString());
    await seedBranches(rt);
    await rt.say('u_hsec', 'g_host', '报到 刘书记 广东广州');
    await rt.say('u_admin', 'g_host', '设为书记 刘书记');
    await rt.say('u_a', 'g_home', '报到 张三 广东广州 外出：2026-10 性别：男');
    await rt.say('u_a', 'g_host', '报到 张三 广东广州');
    await rt.say('u_b', 'g_home', '报到 李四 广东佛山 外出：2026-03');
    await rt.say('u_c', 'g_home', '报到 赵五 广东深圳');
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('validity: six months less a day, clamped at month ends; the reminder a month before', () => {
    expect(validUntilFor('2026-12-07', 6)).toBe('2027-06-06');
    expect(validUntilFor('2026-08-31', 6)).toBe('2027-02-27');
    expect(validUntilFor('2026-12-01', 6)).toBe('2027-05-31');
    expect(reminderDate('2027-06-06')).toBe('2027-05-06');
    expect(reminderDate('2027-03-31')).toBe('2027-02-28');
  });

  test('the home secretary issues one to a member away under six months', async () => {
    const r = await rt.say('u_sec', 'g_home', '开具证明 张三');
    expect(r.texts[0]).toContain('已为张三开具《流动党员证明》');
    expect(r.texts[0]).toMatch(/证明编号：LD2026-\d{5}/);
    expect(r.texts[0]).toContain('有效期：2026-12-07 至 2027-06-06');
    expect(r.texts[0]).toContain('开具支部：青山村党支部');
    expect(await issued()).toEqual([
      expect.objectContaining({ destination: '广东广州', departureMonth: '2026-10', validUntil: '2027-06-06' }),
    ]);
  });

  test('refused with the reason: six months and more, no departure month, a host branch, a member, unknown names', async () => {
    expect((await rt.say('u_sec', 'g_home', '开具证明 李四')).texts[0]).toContain(
      '已外出 9 个月（满 6 个月），应办理组织关系转接',
    );
    expect((await rt.say('u_sec', 'g_home', '开具证明 赵五')).texts[0]).toContain('档案没有外出时间');
    expect((await rt.say('u_hsec', 'g_host', '开具证明 张三')).texts[0]).toContain('由党员的流出地（家乡）支部开具');
    expect((await rt.say('u_a', 'g_home', '开具证明 张三')).texts[0]).toContain('是支部书记的命令');
    expect((await rt.say('u_sec', 'g_home', '开具证明 无此人')).texts[0]).toContain('没有名叫「无此人」');
    expect((await rt.say('u_sec', 'g_home', '开具证明')).texts[0]).toContain('正确格式：开具证明 <姓名>');
    expect(await issued()).toHaveLength(1);
  });

  test('the digest no longer asks for a certificate for 张三', async () => {
    await fire(rt, 'membership-digest', '2026-12-07T08:30:00');
    const text = jobRows(rt.services.store, 'membership-digest')[0]?.text ?? '';
    expect(text).toContain('· 李四：2026-03 外出');
    expect(text).not.toMatch(/· 张三：未办理活动证/);
  });

  test('a month before it runs out the secretary is reminded once, whatever the runs', async () => {
    await fire(rt, 'certificate-reminders', '2027-05-05T09:00:00');
    expect(jobRows(rt.services.store, 'certificate-reminders')).toEqual([]);
    await fire(rt, 'certificate-reminders', '2027-05-06T09:00:00');
    await fire(rt, 'certificate-reminders', '2027-05-07T09:00:00');
    await fire(rt, 'certificate-reminders', '2027-06-06T09:00:00');
    const rows = jobRows(rt.services.store, 'certificate-reminders');
    expect(rows.map((r) => [r.chatId, r.chatType])).toEqual([['u_sec', 'single']]);
    expect(rows[0].text).toContain('张三的《流动党员证明》');
    expect(rows[0].text).toContain('将于 2027-06-06 到期');
  });
});
