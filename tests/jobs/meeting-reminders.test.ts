import { allJobs } from '../../jobs';
import { meetingReminders } from '../../jobs/meeting-reminders';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { cst, fire, jobRows, seedJobBranch } from './jobs-fixture';

const MEETING = '安排会议 学习全会精神\n类型：支部党员大会\n时间：12月10日 14:00-16:00\n地点：村委会会议室\n分值：5';

describe('meeting reminders: the day before and one hour before, each exactly once', () => {
  let rt: TestRuntime;
  const run = (local: string) => meetingReminders.run({ services: rt.services, dryRun: false }, cst(local));
  beforeAll(async () => {
    rt = await testRuntime({}, cst('2026-12-07T09:00:00').toISOString());
    await seedJobBranch(rt);
    await rt.say('u_sec', 'g_home', MEETING);
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('registered with the other jobs', () => {
    expect(allJobs).toContain(meetingReminders);
  });

  test('nothing before the day before', async () => {
    expect((await run('2026-12-09T13:55:00')).sent).toBe(0);
  });

  test('the day before: one message per group chat, naming who has not answered, even when fired twice at once', async () => {
    rt.clock.set(cst('2026-12-09T14:00:00'));
    await rt.say('u_b', 'g_home', '请假 M1 在佛山加班');
    await Promise.all([run('2026-12-09T14:00:00'), run('2026-12-09T14:00:00')]);
    await fire(rt, 'meeting-reminders', '2026-12-09T14:05:00');
    const rows = jobRows(rt.services.store, 'meeting-reminders');
    expect(rows.map((r) => r.chatId).sort()).toEqual(['g_home', 'g_home2']);
    expect(rows[0].text).toContain('会议提醒：M1《学习全会精神》明天开始');
    expect(rows[0].text).toContain('@张三');
    expect(rows[0].text).not.toContain('李四');
  });

  test('one hour before: once more per chat; after the start, nothing', async () => {
    rt.clock.set(cst('2026-12-10T13:00:00'));
    await run('2026-12-10T13:00:00');
    await run('2026-12-10T13:05:00');
    const rows = jobRows(rt.services.store, 'meeting-reminders');
    expect(rows).toHaveLength(4);
    expect(rows.filter((r) => r.text.includes('1 小时后开始'))).toHaveLength(2);
    rt.clock.set(cst('2026-12-10T14:01:00'));
    expect((await run('2026-12-10T14:01:00')).sent).toBe(0);
  });

  test('a meeting scheduled 30 minutes ahead gets no reminder that lay before it was scheduled', async () => {
    rt.clock.set(cst('2026-12-11T09:00:00'));
    await rt.say('u_sec', 'g_home', MEETING.replace('12月10日 14:00-16:00', '12月11日 09:30'));
    expect((await run('2026-12-11T09:05:00')).sent).toBe(0);
  });
});
