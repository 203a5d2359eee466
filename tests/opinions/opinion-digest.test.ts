import { membershipDigest } from '../../jobs/membership-digest';
import { jobOptionsFrom } from '../../src/scheduler/job-options';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { seedBranches, testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { outboxRows } from '../jobs/jobs-fixture';

afterAll(cleanupTempDirs);

const DAY = 86_400_000;
const single = { chatType: 'single' };

/** Overdue opinions: listed for the branch's secretaries once, then (a week on) for the county admins once. */
describe('overdue opinions in the weekly digest', () => {
  let rt: TestRuntime;
  const run = (opinionDays = 15, dryRun = false) =>
    membershipDigest.run(
      { services: rt.services, dryRun, options: { ...jobOptionsFrom(), opinionDays } },
      rt.clock.now(),
    );
  const rowsTo = (chatId: string) =>
    outboxRows(rt.services.store).filter((r) => r.chatId === chatId && r.idemKey?.startsWith('job:opinion-digest'));

  beforeAll(async () => {
    rt = await testRuntime();
    await seedBranches(rt); // 青山村党支部 (home) with 王书记 = u_sec; admin u_admin
    await rt.say('u_a', 'g_home', '报到 张三 广东广州');
    await rt.say('u_a', 'u_a', '意见 匿名 流出地 支部开会总在白天', single); // Y1: stays open
    await rt.say('u_a', 'u_a', '建议 流出地 希望多组织线上学习', single); // Y2: closed in time
    await rt.say('u_sec', 'u_sec', '销号 Y2 已开通线上学习', single);
    rt.clock.advance(DAY);
    await rt.say('u_a', 'u_a', '意见 流出地 党费能不能线上交', single); // Y3: one day younger
  });
  afterAll(async () => {
    await rt.stop();
  });

  test('nothing is due before OPINION_DAYS', async () => {
    rt.clock.advance(13 * DAY);
    expect((await run()).summary).not.toContain('意见建议超期');
    expect(rowsTo('u_sec')).toEqual([]);
  });

  test('a dry run previews the section and marks nothing', async () => {
    rt.clock.advance(2 * DAY); // Y1 is 16 days old; Y3 exactly 15 days (not older than OPINION_DAYS)
    const preview = await run(15, true);
    expect(preview.preview?.some((p) => p.chatId === 'u_sec' && p.text.includes('Y1'))).toBe(true);
    expect((await rt.services.store.opinions.get(1))?.digestedAt).toBeUndefined();
  });

  test('an open opinion older than OPINION_DAYS goes to the secretary once, anonymous without its sender', async () => {
    const result = await run();
    expect(result.summary).toContain('意见建议超期：1 件提醒书记，0 件报管理员');
    const [row] = rowsTo('u_sec');
    expect(row.text).toContain('超过 15 天未销号（1 件）');
    expect(row.text).toContain('Y1【支部工作】已受理');
    expect(row.text).toContain('匿名党员');
    expect(row.text).not.toContain('张三：支部开会');
    expect(row.text).not.toContain('Y2');
    expect(row.text).not.toContain('Y3');
    expect(rowsTo('u_admin')).toEqual([]);
    await run();
    expect(rowsTo('u_sec')).toHaveLength(1);
  });

  test('a week later the still-open ones go to the county admins once; closed ones do not', async () => {
    await rt.say('u_sec', 'u_sec', '销号 Y3 已开通线上缴纳', single);
    rt.clock.advance(7 * DAY);
    expect((await run()).summary).toContain('0 件提醒书记，1 件报管理员');
    const admin = rowsTo('u_admin');
    expect(admin).toHaveLength(1);
    expect(admin[0].text).toContain('〔青山村党支部〕Y1');
    expect(admin[0].text).not.toContain('Y3');
    expect(admin[0].text).not.toContain('张三');
    await run();
    rt.clock.advance(7 * DAY);
    await run();
    expect(rowsTo('u_admin')).toHaveLength(1);
    expect(rowsTo('u_sec')).toHaveLength(1);
  });

  test('OPINION_DAYS is read from the configuration', () => {
    expect(jobOptionsFrom({ OPINION_DAYS: 3 }).opinionDays).toBe(3);
    expect(jobOptionsFrom().opinionDays).toBe(15);
  });
});
