import { ESCALATE_AFTER_DAYS, helpCaseEscalation } from '../../jobs/help-case-escalation';
import { allJobs } from '../../jobs';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { seedBranches, testRuntime, type TestRuntime } from '../helpers/test-runtime';

afterAll(cleanupTempDirs);

const DAY = 86_400_000;

describe('help-escalation job', () => {
  let rt: TestRuntime;
  const run = (dryRun: boolean) => helpCaseEscalation.run({ services: rt.services, dryRun }, rt.clock.now());
  const botTo = async (chatId: string) =>
    (await rt.transcript(chatId)).filter((m) => m.from === 'bot').map((m) => m.text);

  beforeAll(async () => {
    rt = await testRuntime();
    await seedBranches(rt); // home secretary 王书记 = u_sec; admin u_admin (ZHIBU_ADMINS)
    await rt.say('u_hsec', 'g_host', '报到 李书记 广东广州');
    await rt.say('u_admin', 'g_host', '设为书记 李书记');
    await rt.say('u_a', 'g_home', '报到 张三 广东广州');
    await rt.say('u_a', 'g_host', '报到 张三 广东广州');
    await rt.say('u_a', 'u_a', '求助 工地老板欠了我两个月工资，一直拖着不给', { chatType: 'single' }); // H1: will be left unanswered
    await rt.say('u_a', 'u_a', '求助 孩子转学的事想问问', { chatType: 'single' }); // H2: answered in time
    await rt.say('u_hsec', 'u_hsec', '回复 H2 明天给你打电话', { chatType: 'single' });
  });
  afterAll(async () => {
    await rt.stop();
  });

  test('is registered with the scheduler, with a schedule and a catch-up window', () => {
    expect(allJobs).toContain(helpCaseEscalation);
    expect(helpCaseEscalation).toMatchObject({ name: 'help-escalation', schedule: '0 9-18 * * *' });
    expect(helpCaseEscalation.catchUpMs).toBeGreaterThan(0);
  });

  test('nothing is due before three days have passed', async () => {
    rt.clock.advance(ESCALATE_AFTER_DAYS * DAY - 60_000);
    expect(await run(false)).toMatchObject({ sent: 0, summary: '没有超时未答复的求助' });
  });

  test('a dry run previews the escalation and changes nothing', async () => {
    rt.clock.advance(2 * 60_000);
    const preview = await run(true);
    expect(preview.sent).toBe(3);
    expect(preview.preview?.map((p) => p.chatId).sort()).toEqual(['u_admin', 'u_hsec', 'u_sec']);
    expect((await rt.services.store.helpCases.get(1))?.escalatedAt).toBeUndefined();
  });

  test('the unanswered case goes to the admins and the home secretary, the assignee is told — once', async () => {
    const result = await run(false);
    expect(result).toMatchObject({ sent: 3, summary: '1 件求助超过 3 天未答复，已上报；共 3 条消息' });
    await rt.outbox.drainOnce();
    const admin = (await botTo('u_admin')).join('\n');
    expect(admin).toContain('⏰ 求助超过 3 天没有答复（跟进人：李书记），请关注 H1（就业）');
    expect(admin).toContain('内容：工地老板欠了我两个月工资');
    expect((await botTo('u_sec')).join('\n')).toContain('⏰ 求助超过 3 天没有答复');
    expect((await botTo('u_hsec')).join('\n')).toContain('你负责的求助 H1 已超过 3 天没有答复，已上报管理员');
    expect((await rt.services.store.helpCases.get(1))?.escalatedAt).toBe(rt.clock.now().toISOString());
    expect((await rt.services.store.helpCases.get(2))?.escalatedAt).toBeUndefined();
    expect((await rt.services.store.helpCases.listEvents(1)).map((e) => e.kind)).toEqual(['open', 'escalate']);
    rt.clock.advance(3_600_000);
    expect((await run(false)).sent).toBe(0);
  });

  test('求助列表 marks the escalated case', async () => {
    const list = (await rt.say('u_hsec', 'u_hsec', '求助列表', { chatType: 'single' })).texts[0];
    expect(list).toMatch(/H1【就业】待回复 .*⚠️已上报/);
    expect(list).toMatch(/H2【就学】已回复/);
  });
});
