import { createRouter } from '../../handlers';
import { Context } from '../../src/bot/context';
import { loadChat } from '../../src/bot/load-context';
import type { IncomingMessage } from '../../src/bot/incoming-message';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { seedBranches, testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { cst } from '../jobs/jobs-fixture';

/** Handling one meeting message twice (a crash after its work, before it was marked done) creates nothing new. */
describe('re-handling 安排会议 and 签到 messages', () => {
  let rt: TestRuntime;
  const router = createRouter();
  const message = (userId: string, text: string, msgId: string): IncomingMessage => ({
    platform: 'sim',
    msgId,
    chatId: 'g_home',
    chatType: 'group',
    userId,
    userName: userId,
    text,
    media: [],
    receivedAt: rt.clock.now().toISOString(),
  });
  async function handleTwice(m: IncomingMessage): Promise<string[][]> {
    const out: string[][] = [];
    for (let i = 0; i < 2; i++) {
      const ctx = new Context(m, rt.services, await loadChat(rt.services.store, m, rt.clock.now()));
      await router(ctx, async () => undefined);
      out.push(ctx.replies.map((r) => r.text));
    }
    return out;
  }

  beforeAll(async () => {
    rt = await testRuntime({}, cst('2026-12-07T09:00:00').toISOString());
    await seedBranches(rt);
    await rt.say('u_a', 'g_home', '报到 张三 广东广州');
    await rt.say('u_b', 'g_home', '报到 李四 广东佛山');
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('安排会议 handled twice schedules one meeting and answers the same', async () => {
    const text = '安排会议 学习党章\n类型：党课\n时间：12月8日 20:00\n线上：https://meeting.example/1\n分值：4';
    const [first, second] = await handleTwice(message('u_sec', text, 'm-meet-1'));
    expect(second).toEqual(first);
    expect(await rt.services.store.meetings.list()).toHaveLength(1);
  });

  test('签到 handled twice records one attendance, books once and answers success both times', async () => {
    rt.clock.set(cst('2026-12-08T19:45:00'));
    const [first, second] = await handleTwice(message('u_a', '签到 M1', 'm-sign-1'));
    expect(first[0]).toContain('已签到 M1');
    expect(second).toEqual(first);
    const [zhang] = await rt.services.store.members.findByName('张三');
    expect((await rt.services.store.ledger.listByMember(zhang.id)).map((e) => e.delta)).toEqual([4]);
    expect((await rt.say('u_a', 'g_home', '签到 M1')).texts[0]).toContain('无需重复签到');
  });

  test('a crash after the sign-in was recorded but before the points were booked: handling it again books them', async () => {
    const [li] = await rt.services.store.members.findByName('李四');
    await rt.services.store.meetings.attend(
      { meetingId: 1, memberId: li.id, status: 'present', identity: 'sim:u_b', sourceKey: 'sim:m-sign-2' },
      rt.clock.now(),
    );
    const ctx = new Context(
      message('u_b', '签到 M1', 'm-sign-2'),
      rt.services,
      await loadChat(rt.services.store, message('u_b', '签到 M1', 'm-sign-2'), rt.clock.now()),
    );
    await router(ctx, async () => undefined);
    expect(ctx.replies.map((r) => r.text)).toEqual([expect.stringContaining('✅ 李四 已签到 M1')]);
    expect((await rt.services.store.ledger.listByMember(li.id)).map((e) => e.delta)).toEqual([4]);
  });
});
