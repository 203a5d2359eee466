import { cleanupTempDirs } from '../helpers/temp-dir';
import { seedBranches, testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { cst, fire, jobRows } from '../jobs/jobs-fixture';

/** The weekly digest lists the home branch's members no secretary talked to or visited for CONTACT_WEEKS. */
describe('membership digest: members not talked to or visited', () => {
  let rt: TestRuntime;
  afterEach(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  async function seed(env: Record<string, string> = {}) {
    rt = await testRuntime(env, cst('2026-10-01T09:00:00').toISOString());
    await seedBranches(rt);
    await rt.say('u_a', 'g_home', '报到 张三 广东广州');
    await rt.say('u_b', 'g_home', '报到 李四 广东佛山');
    await rt.say('u_c', 'g_home', '报到 赵五 广东深圳');
    rt.clock.set(cst('2026-11-10T09:00:00'));
    await rt.say('u_sec', 'u_sec', '谈话 张三 聊了工作');
    rt.clock.set(cst('2026-11-20T09:00:00'));
    await rt.say('u_sec', 'u_sec', '走访 李四 看望家属');
    // Everyone speaks in the group, so only the talks section can list them.
    rt.clock.set(cst('2026-12-06T09:00:00'));
    for (const u of ['u_a', 'u_b', 'u_c', 'u_sec']) await rt.say(u, 'g_home', '积分');
  }

  const digest = async () => {
    await fire(rt, 'membership-digest', '2026-12-07T08:30:00');
    return jobRows(rt.services.store, 'membership-digest').map((r) => r.text);
  };

  test('default 8 weeks: only the members never talked to or visited since they checked in (over 8 weeks ago)', async () => {
    await seed();
    const [text] = await digest();
    expect(text).toContain(
      '谈心谈话：8 周内没有谈话或走访（2 人）：\n· 王书记：报到后还没有谈话或走访\n· 赵五：报到后还没有谈话或走访',
    );
    expect(text).not.toContain('张三');
    expect(text).not.toContain('聊了工作');
  });

  test('CONTACT_WEEKS=3 lists the talk four weeks ago too, with its date', async () => {
    await seed({ CONTACT_WEEKS: '3' });
    const [text] = await digest();
    expect(text).toContain('谈心谈话：3 周内没有谈话或走访（3 人）：');
    expect(text).toContain('· 张三：上次谈话/走访 2026-11-10');
    expect(text).not.toContain('李四');
  });
});
