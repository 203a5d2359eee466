import { dueReminder } from '../../jobs/deadline-reminders';
import type { Task } from '../../src/model';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { cst, fire, jobRows, seedJobBranch } from './jobs-fixture';

afterAll(cleanupTempDirs);

const PUBLISH = '发布任务 学习党章\n内容：学习党章第一章\n截止：2026-12-07 18:00\n分值：10\n证明：图片/文字\n字数：10';
const NOTE = '#1 认真学习了党章第一章总纲，体会深刻。';

async function reminderRuntime(env: Record<string, string> = {}): Promise<TestRuntime> {
  const rt = await testRuntime(env);
  await seedJobBranch(rt);
  await rt.say('u_sec', 'g_home', PUBLISH);
  await rt.say('u_a', 'g_home', NOTE);
  return rt;
}

const groups = (rt: TestRuntime) =>
  jobRows(rt.services.store, 'deadline-reminders').filter((r) => r.chatType === 'group');
const nudges = (rt: TestRuntime) =>
  jobRows(rt.services.store, 'deadline-reminders').filter((r) => r.chatType === 'single');

describe('deadline-reminders', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await reminderRuntime();
  });
  afterAll(async () => {
    await rt.stop();
  });

  test('nothing before 24 h ahead of the deadline', async () => {
    expect((await fire(rt, 'deadline-reminders', '2026-12-06T17:55:00')).result?.sent).toBe(0);
  });

  test('24 h before: one message per group chat @-mentioning only those who have not submitted', async () => {
    const out = await fire(rt, 'deadline-reminders', '2026-12-06T18:00:00');
    expect(out.result?.summary).toBe('提醒 1 个任务的 3 人次；共 5 条消息');
    const posts = groups(rt);
    expect(posts.map((p) => p.chatId).sort()).toEqual(['g_home', 'g_home2']);
    for (const p of posts) {
      expect(p.mentions?.sort()).toEqual(['u_b', 'u_c', 'u_sec']);
      expect(p.text).toContain(
        '⏰ 任务 #1《学习党章》将于 12-07 18:00 截止（还剩约 24 小时），以下 3 位同志还没有提交',
      );
      expect(p.text).toContain('@李四');
      expect(p.text).not.toContain('张三');
      expect(p.text).toContain('提交方法：在群里 @我 并附图片或文字，注明 #1');
    }
  });

  test('and a 1:1 nudge to each of them', async () => {
    expect(
      nudges(rt)
        .map((n) => n.chatId)
        .sort(),
    ).toEqual(['u_b', 'u_c', 'u_sec']);
    expect(nudges(rt).find((n) => n.chatId === 'u_b')?.text).toContain(
      '⏰ 任务 #1《学习党章》将于 12-07 18:00 截止（还剩约 24 小时），你还没有提交',
    );
  });

  test('later fires do not repeat the 24 h reminder', async () => {
    await fire(rt, 'deadline-reminders', '2026-12-06T18:05:00');
    await fire(rt, 'deadline-reminders', '2026-12-07T12:00:00');
    expect(jobRows(rt.services.store, 'deadline-reminders')).toHaveLength(5);
  });

  test('2 h before: only those still missing are reminded', async () => {
    await rt.say('u_b', 'g_home', '#1 学习党章第一章，牢记党的宗旨。');
    await fire(rt, 'deadline-reminders', '2026-12-07T16:00:00');
    const latest = groups(rt).filter((p) => p.idemKey?.includes(':2h:'));
    expect(latest).toHaveLength(2);
    expect(latest[0].mentions?.sort()).toEqual(['u_c', 'u_sec']);
    expect(latest[0].text).toContain('还剩约 2 小时');
    expect(
      nudges(rt)
        .filter((n) => n.idemKey?.includes(':2h:'))
        .map((n) => n.chatId)
        .sort(),
    ).toEqual(['u_c', 'u_sec']);
  });

  test('nothing at all when everyone has submitted', async () => {
    await rt.say('u_sec', 'g_home', '发布任务 学习公报\n截止：2026-12-10 18:00\n证明：文字\n字数：10');
    for (const u of ['u_a', 'u_b', 'u_c', 'u_sec']) await rt.say(u, 'g_home', '#2 学习了四中全会公报全文，收获很大。');
    const before = jobRows(rt.services.store, 'deadline-reminders').length;
    expect((await fire(rt, 'deadline-reminders', '2026-12-09T18:00:00')).result?.summary).toBe('没有需要提醒的任务');
    expect(jobRows(rt.services.store, 'deadline-reminders')).toHaveLength(before);
  });
});

describe('deadline-reminders timing rules', () => {
  test('a late fire (catch-up) after the real deadline sends nothing: the reminder is no longer useful', async () => {
    const rt = await reminderRuntime();
    rt.clock.set(cst('2026-12-07T18:05:00')); // the bot was down from before 16:00 (the 2 h mark) until after 18:00
    const outcomes = (await rt.scheduler.sweep(cst('2026-12-07T18:05:00'), 0)).filter(
      (o) => o.job === 'deadline-reminders',
    );
    // The 17:55 fire is caught up: at its time the task was open and its 2 h reminder due, but the deadline has passed.
    expect(outcomes.map((o) => [o.fireAt.toISOString(), o.status])).toEqual(
      ['17:55', '18:00', '18:05'].map((t) => [cst(`2026-12-07T${t}:00`).toISOString(), 'ran']),
    );
    expect(jobRows(rt.services.store, 'deadline-reminders')).toEqual([]);
    await rt.stop();
  });

  test('REMINDER_HOURS is configurable, and a reminder time before the task existed is skipped', async () => {
    const rt = await reminderRuntime({ REMINDER_HOURS: '48,3' });
    expect((await fire(rt, 'deadline-reminders', '2026-12-05T18:00:00')).result?.sent).toBe(5);
    expect(jobRows(rt.services.store, 'deadline-reminders')[0].idemKey).toContain(':48h:');
    await rt.stop();
    const task = {
      deadline: cst('2026-12-07T18:00:00').toISOString(),
      createdAt: cst('2026-12-07T08:00:00').toISOString(),
    } as Task;
    expect(dueReminder(task, [24, 2], cst('2026-12-07T09:00:00'))).toBeUndefined(); // 24 h mark lay before publication
    expect(dueReminder(task, [24, 2], cst('2026-12-07T16:00:00'))).toBe(2);
    // A bot down through the 24 h mark still reminds once (the 24 h reminder, with the real time left) before 2 h.
    const old = { ...task, createdAt: cst('2026-12-01T08:00:00').toISOString() };
    expect(dueReminder(old, [24, 2], cst('2026-12-07T10:00:00'))).toBe(24);
    expect(dueReminder(old, [24, 2], cst('2026-12-07T17:00:00'))).toBe(2);
  });
});
