import ExcelJS from 'exceljs';
import { createLogger } from '../../src/observability/logger';
import { sqliteDump } from '../../src/store/sqlite/sqlite-dump';
import type { Db } from '../../src/store/sqlite/open-sqlite';
import { download, signIn, type Session } from '../dashboard/dashboard-fixture';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';

afterAll(cleanupTempDirs);

const DAY = 86_400_000;
const single = { chatType: 'single' };
/** The anonymous senders: 张二 (u_2) wrote Y2, 李一 (u_4) wrote Y3. Nothing a secretary can reach may name them. */
const ANONYMOUS_SENDERS = ['u_2', '张二', 'u_4', '李一'];

/**
 * Three branches and 12 members through /sim: 青山村 (home, g_a, 青书记 u_sa), 白水村 (home, g_b, 白书记 u_sb),
 * 广州流动 (host, g_c, 刘书记 u_sc); 张一 u_1, 张二 u_2, 张三 u_3 of 青山村; 李一 u_4, 李二 u_5, 李三 u_6 of 白水村;
 * 张一 and 李一 also of 广州流动, with 王一 u_7, 王二 u_8, 王三 u_9.
 *
 * Six opinions, hand count (days from receiving to the last 销号):
 *   青山村 Y1 closed after 2 days; Y2 (anonymous) closed on day 3, disputed, closed again on day 5 → 2/2 = 100 %, median 3.5 天
 *   白水村 Y4 referred up → 0/1 = 0 %
 *   广州流动 Y3 (anonymous) closed after 4 days, Y5 answered only, Y6 closed after 1 day → 2/3 = 66.7 %, median 2.5 天
 *   all: 4/6 closed.
 */
describe('members’ voice: opinions closed out, scripted through /sim', () => {
  let rt: TestRuntime;
  let logs = '';
  let admin: Session;
  const say = (user: string, text: string) => rt.say(user, user, text, single);
  const advanceDays = (n: number) => rt.clock.advance(n * DAY);

  beforeAll(async () => {
    const sink = { write: (line: string) => void (logs += line) };
    rt = await testRuntime({}, undefined, createLogger('trace', sink));
  });
  afterAll(async () => {
    await rt.stop();
  });

  test('three branches, three secretaries, nine members', async () => {
    await rt.say('u_admin', 'g_a', '绑定支部 青山村党支部 流出');
    await rt.say('u_admin', 'g_b', '绑定支部 白水村党支部 流出');
    await rt.say('u_admin', 'g_c', '绑定支部 广州流动党支部 流入');
    for (const [u, name, g] of [
      ['u_sa', '青书记', 'g_a'],
      ['u_sb', '白书记', 'g_b'],
      ['u_sc', '刘书记', 'g_c'],
    ]) {
      await rt.say(u, g, `报到 ${name} 广东广州`);
      await rt.say('u_admin', g, `设为书记 ${name}`);
    }
    const members: Array<[string, string, string[]]> = [
      ['u_1', '张一', ['g_a', 'g_c']],
      ['u_2', '张二', ['g_a']],
      ['u_3', '张三', ['g_a']],
      ['u_4', '李一', ['g_b', 'g_c']],
      ['u_5', '李二', ['g_b']],
      ['u_6', '李三', ['g_b']],
      ['u_7', '王一', ['g_c']],
      ['u_8', '王二', ['g_c']],
      ['u_9', '王三', ['g_c']],
    ];
    for (const [u, name, groups] of members) for (const g of groups) await rt.say(u, g, `报到 ${name} 广东广州`);
    expect(await rt.services.store.members.list()).toHaveLength(12);
  });

  test('day 0: five opinions, two anonymous; four answered', async () => {
    expect((await rt.say('u_1', 'g_a', '意见 支部学习都安排在白天，外出党员参加不了')).texts[0]).toContain('已收到');
    expect((await say('u_2', '意见 匿名 书记发通知太晚，来不及请假')).texts[0]).toContain('编号 Y2');
    expect((await say('u_4', '建议 匿名 流入地 希望在城中村设党员活动点')).texts[0]).toContain('编号 Y3');
    expect((await say('u_5', '意见 老家的医保异地备案办不下来')).texts[0]).toContain('编号 Y4');
    expect((await rt.say('u_7', 'g_c', '建议 组织一次工友夜谈会')).texts[0]).toContain('已收到');
    await say('u_sa', '答复 Y1 已收到，正在和村委商量时间');
    await say('u_sa', '答复 Y2 以后提前三天发通知');
    await say('u_sc', '答复 Y3 正在联系社区');
    await say('u_sc', '答复 Y5 下个月安排');
    const statuses = (await rt.services.store.opinions.list()).map((o) => [o.id, o.status]);
    expect(statuses).toEqual([
      [5, 'answered'],
      [4, 'received'],
      [3, 'answered'],
      [2, 'answered'],
      [1, 'answered'],
    ]);
  });

  test('days 1–5: referred up, closed, disputed and reopened once, closed again, confirmed', async () => {
    advanceDays(1);
    expect((await say('u_8', '意见 流入地 厂里加班太多，周末活动参加不了')).texts[0]).toContain('编号 Y6');
    const referred = await say('u_sb', '上报 Y4 异地医保政策需乡镇党委协调');
    expect(referred.replies.find((r) => r.chatId === 'u_sb')?.text).toContain('已上报乡镇党委');
    expect(referred.replies.find((r) => r.chatId === 'u_admin')?.text).toContain('白水村党支部上报乡镇党委');
    advanceDays(1);
    await say('u_sa', '销号 Y1 学习改到每周六晚上线上进行');
    await say('u_sc', '销号 Y6 周末活动改为线上，可回看');
    advanceDays(1);
    await say('u_sa', '销号 Y2 通知至少提前三天发出');
    expect((await say('u_1', '确认 Y1')).texts[0]).toContain('感谢确认');
    const dispute = await say('u_2', '不满意 Y2 这周的通知还是只提前了一天');
    expect(dispute.texts[0]).toContain('已退回重新办理');
    expect(dispute.replies.find((r) => r.chatId === 'u_sa')?.text).toContain('匿名党员对 Y2 的办理结果不满意');
    advanceDays(1);
    await say('u_sc', '销号 Y3 已在城中村党群服务站设立活动点');
    advanceDays(1);
    await say('u_sa', '销号 Y2 已定为每周一统一发通知并电话提醒');
    expect((await say('u_2', '不满意 Y2 还是不行')).texts[0]).toContain('不能再次退回');
    expect((await say('u_4', '确认 Y3')).texts[0]).toContain('感谢确认');
    const byId = new Map((await rt.services.store.opinions.list()).map((o) => [o.id, o]));
    expect([...byId.values()].filter((o) => o.status === 'closed').map((o) => o.id)).toEqual([6, 3, 2, 1]);
    expect(byId.get(2)).toMatchObject({ disputes: 1 });
    expect(byId.get(4)?.status).toBe('referred');
    expect(byId.get(5)?.status).toBe('answered');
  });

  test('the 群众满意度 page: 销号率 and median days per branch match the hand count', async () => {
    admin = await signIn(rt, 'u_admin');
    const res = await admin.get('/admin/satisfaction');
    expect(res.status).toBe(200);
    const branchId = async (name: string) => (await rt.services.store.branches.findByName(name))!.id;
    const rateOf = async (table: string, name: string) => {
      const row = new RegExp(
        `<table id="${table}">[\\s\\S]*?<tr data-branch="${await branchId(name)}"[^>]*>([\\s\\S]*?)</tr>`,
      ).exec(res.text)![1];
      return { rate: /closure-rate">([^<]+)</.exec(row)![1], row };
    };
    expect((await rateOf('satisfaction', '青山村党支部')).rate).toBe('100%');
    expect((await rateOf('satisfaction', '白水村党支部')).rate).toBe('0%');
    expect((await rateOf('satisfaction', '广州流动党支部')).rate).toBe('66.7%');
    expect((await rateOf('opinion-months', '青山村党支部')).row).toContain('3.5 天');
    expect((await rateOf('opinion-months', '广州流动党支部')).row).toContain('2.5 天');
    expect((await rateOf('opinion-months', '白水村党支部')).row).toContain('2026-12');
    const closed = (await rt.services.store.opinions.list({ statuses: ['closed'] })).length;
    expect(closed / (await rt.services.store.opinions.list()).length).toBeCloseTo(4 / 6);
  });

  test('a secretary sees only their branch, anonymous ones as 匿名党员', async () => {
    const sc = await signIn(rt, 'u_sc');
    const page = (await sc.get('/admin/satisfaction')).text;
    expect(page).toContain('Y3');
    expect(page).toContain('匿名党员');
    expect(page).toContain('王一');
    expect(page).not.toContain('Y1<');
    expect(page).not.toContain('书记发通知太晚');
  });

  test('attacker: no page, export, log or secretary-reachable record names an anonymous sender', async () => {
    const texts: string[] = [];
    for (const user of ['u_admin', 'u_sa', 'u_sc']) {
      const s = user === 'u_admin' ? admin : await signIn(rt, user);
      texts.push((await s.get('/admin/satisfaction')).text);
      const xlsx = await download(s, '/admin/export/opinions.xlsx');
      expect(xlsx.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
      wb.eachSheet((ws) => ws.eachRow((row) => texts.push(JSON.stringify(row.values))));
    }
    expect(texts.join('\n')).toContain('匿名党员');
    expect(texts.join('\n')).toContain('书记发通知太晚');
    for (const who of ANONYMOUS_SENDERS) expect(texts.filter((t) => t.includes(who))).toEqual([]);

    // The records the dashboard and exports read: the opinions, their history, help cases and the audit log.
    const dump = sqliteDump((rt.services.store as unknown as { db: Db }).db, '/nonexistent');
    const records: string[] = [];
    for (const collection of ['opinions', 'opinionEvents', 'helpCases', 'helpCaseEvents', 'audit'])
      for await (const batch of dump.read(collection)) records.push(...batch.map((r) => JSON.stringify(r)));
    const anonymousIds = (await rt.services.store.opinions.list()).filter((o) => o.anonymous).map((o) => o.id);
    expect(anonymousIds).toEqual([3, 2]);
    const anonymousRecords = records.filter((r) =>
      anonymousIds.some((id) => r.includes(`"opinionId":${id},`) || r.startsWith(`{"id":${id},"kind"`)),
    );
    expect(anonymousRecords.length).toBeGreaterThan(5);
    for (const r of anonymousRecords) {
      expect(r).not.toMatch(/"memberId"/);
      // The member's own steps (open, confirm, dispute) carry neither their identity nor their message's key.
      if (/"kind":"(open|confirm|dispute)"/.test(r))
        expect(r).toMatch(
          /"actor":"anonymous","(text|idemKey)"[^}]*"idemKey":"anon:|"actor":"anonymous","idemKey":"anon:/,
        );
      for (const who of ANONYMOUS_SENDERS) expect(r).not.toContain(who);
    }
    expect(records.filter((r) => r.includes('书记发通知太晚') && /u_2|张二/.test(r))).toEqual([]);

    // The logs, at trace level, of the whole run.
    expect(logs.length).toBeGreaterThan(0);
    for (const who of ANONYMOUS_SENDERS) expect(logs.split('\n').filter((l) => l.includes(who))).toEqual([]);
  });
});
