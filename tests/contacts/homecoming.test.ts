import { DEFAULT_HOMECOMING_WINDOWS, parseHomecomingWindows } from '../../src/time/homecoming-window';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { seedBranches, testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { cst } from '../jobs/jobs-fixture';

/** 返乡报到 and 返乡名单 through /sim: 青山村 (home, g_home) with 王书记 u_sec; 张三 u_a also in 广州 (g_host). */
describe('返乡报到', () => {
  let rt: TestRuntime;
  const reports = () => rt.services.store.contacts.listHome();
  beforeAll(async () => {
    rt = await testRuntime({}, cst('2026-12-07T10:00:00').toISOString());
    await seedBranches(rt);
    await rt.say('u_a', 'g_home', '报到 张三 广东广州');
    await rt.say('u_a', 'g_host', '报到 张三 广东广州');
    await rt.say('u_b', 'g_home', '报到 李四 广东佛山');
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('the default windows are 腊月十五 to 正月十五; HOMECOMING_WINDOWS parses and refuses', () => {
    expect(DEFAULT_HOMECOMING_WINDOWS[0]).toEqual({ season: '2026-2027', from: '2027-01-22', to: '2027-02-20' });
    expect(parseHomecomingWindows('2027-01-20..2027-02-25')).toEqual([
      { season: '2026-2027', from: '2027-01-20', to: '2027-02-25' },
    ]);
    expect(parseHomecomingWindows('2026-11-20..2026-12-20')![0].season).toBe('2026-2027');
    for (const bad of ['2027-02-25..2027-01-20', '2027-02-30..2027-03-01', '腊月十五', '2027-01-01..2027-06-01'])
      expect(parseHomecomingWindows(bad)).toBeUndefined();
  });

  test('outside the window: a clear answer with the next window, nothing recorded', async () => {
    const r = await rt.say('u_a', 'g_home', '返乡报到');
    expect(r.texts[0]).toContain('现在不在返乡报到时段，下一次为 2027-01-22 至 2027-02-20');
    expect(await reports()).toEqual([]);
  });

  test('in the window: a host group or a 1:1 chat is refused, the home group records it', async () => {
    rt.clock.set(cst('2027-01-25T10:00:00'));
    expect((await rt.say('u_a', 'g_host', '返乡报到')).texts[0]).toContain('请在家乡「青山村党支部」的支部群里');
    expect((await rt.say('u_a', 'u_a', '返乡报到')).texts[0]).toContain('请在家乡「青山村党支部」的支部群里');
    expect(await reports()).toEqual([]);
    const ok = await rt.say('u_a', 'g_home', '返乡报到 停留到 2月15日');
    expect(ok.texts[0]).toContain('张三返乡报到成功，停留到 2027-02-15');
    expect(await reports()).toEqual([
      expect.objectContaining({ season: '2026-2027', stayUntil: '2027-02-15', text: '停留到 2月15日' }),
    ]);
  });

  test('bad dates get the forms back and change nothing; a later report updates the stay', async () => {
    const bad = await rt.say('u_a', 'g_home', '返乡报到 停留到 下个月');
    expect(bad.texts[0]).toContain('停留日期看不懂或已过');
    expect((await rt.say('u_a', 'g_home', '返乡报到 停留到 2027-01-01')).texts[0]).toContain('停留日期看不懂或已过');
    expect((await reports())[0].stayUntil).toBe('2027-02-15');
    const again = await rt.say('u_a', 'g_home', '返乡报到 停留到 2027-02-18');
    expect(again.texts[0]).toContain('已更新返乡信息，停留到 2027-02-18');
    expect(await reports()).toHaveLength(1);
  });

  test('返乡名单: the secretary sees who is back and until when; a member may not', async () => {
    await rt.say('u_b', 'g_home', '返乡报到');
    const list = await rt.say('u_sec', 'g_home', '返乡名单');
    expect(list.texts[0]).toContain('2026-2027 春节返乡报到（2027-01-22 至 2027-02-20），共 2 人');
    expect(list.texts[0]).toContain('· 张三：2027-01-25 报到，停留到 2027-02-18');
    expect(list.texts[0]).toContain('· 李四：2027-01-25 报到，未说明停留时间');
    expect((await rt.say('u_b', 'g_home', '返乡名单')).texts[0]).toContain('是支部书记的命令');
  });
});
