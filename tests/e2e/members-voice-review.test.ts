import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { createLogger } from '../../src/observability/logger';
import { signIn, download, type Session } from '../dashboard/dashboard-fixture';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { outboxRows } from '../jobs/jobs-fixture';
import { sqliteDump } from '../../src/store/sqlite/sqlite-dump';

/**
 * A satisfaction review through /sim, the answer page and the dashboard. Three branches, 12 members:
 * 青山村 (g_a): 青书记 + 5 → 6 members, 5 answer in the 1:1 dialogue.
 * 白水村 (g_b): 白书记 + 4 → 5 members, all 5 answer on the answer page.
 * 广州流动 (g_c, host): 1 member, no answer.  10 of 12 answered.
 *
 * Hand count — 青山村: 认识 4 / 5 = 80%; 非常满意 2, 满意 1, 基本满意 1, 不满意 1 → 认可 4 / 5 = 80% (both under the
 * lines). 白水村: 认识 5 / 5 = 100%; 非常满意 3, 满意 2 → 认可 100% (both lines met). 广州流动: 0 / 1, no breakdown.
 */
const A = [
  ['u_sa', '青书记', ['1', '非常满意', '无']],
  ['u_a1', '张三', ['认识', '1', '希望多组织线上学习']],
  ['u_a2', '李四', ['认识的', '满意', '工作上帮我介绍了岗位，谢谢']],
  ['u_a3', '王五', ['1', '基本满意吧', '无']],
  ['u_a4', '赵六', ['不认识', '4', '从来没人联系过我']],
  ['u_a5', '钱七', []],
] as const;
const B = [
  ['u_sb', '白书记', ['yes', 'very', '']],
  ['u_b1', '孙八', ['yes', 'very', '孩子上学的事情解决了']],
  ['u_b2', '周九', ['yes', 'very', '']],
  ['u_b3', '吴十', ['yes', 'satisfied', '医保报销希望更快']],
  ['u_b4', '郑一', ['yes', 'satisfied', '']],
] as const;
const SECRET_COMMENTS = [...A, ...B].map(([, , a]) => a[2]).filter((c) => c && c !== '无') as string[];
const NAMES: string[] = [...[...A, ...B].map(([, n]) => n as string), '冯二'];

describe('members voice: a satisfaction review answered by 10 of 12, hand-counted and anonymous', () => {
  let rt: TestRuntime;
  const logLines: string[] = [];
  let admin: Session;
  let secretaryA: Session;

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    rt = await testRuntime({}, '2026-12-01T02:00:00.000Z', createLogger('debug', sink));
    await rt.say('u_admin', 'g_a', '绑定支部 青山村党支部 流出');
    await rt.say('u_admin', 'g_b', '绑定支部 白水村党支部 流出');
    await rt.say('u_admin', 'g_c', '绑定支部 广州流动党支部 流入');
    for (const [u, name] of A) await rt.say(u, 'g_a', `报到 ${name} 广东广州`);
    for (const [u, name] of B) await rt.say(u, 'g_b', `报到 ${name} 广东深圳`);
    await rt.say('u_c1', 'g_c', '报到 冯二 广东广州');
    await rt.say('u_admin', 'g_a', '设为书记 青书记');
    await rt.say('u_admin', 'g_b', '设为书记 白书记');
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('a secretary cannot open a review; the admin opens one for all three branches', async () => {
    expect((await rt.say('u_sa', 'g_a', '发起测评 年度测评\n截止：12月10日 18:00')).texts.join('')).toContain(
      '只有管理员可以使用',
    );
    const opened = await rt.say('u_admin', 'g_a', '发起测评 2026年度群众满意度测评\n截止：12月10日 18:00');
    expect(opened.texts.at(-1)).toContain('应答党员 12 人，已私信邀请 12 人');
  });

  test('青山村 answers in the 1:1 dialogue; 白水村 on the answer page from the invitation link', async () => {
    for (const [u, , answers] of A) {
      if (answers.length === 0) continue;
      await rt.say(u, u, '测评', { chatType: 'single' });
      const texts: string[] = [];
      for (const a of answers) texts.push(...(await rt.say(u, u, a, { chatType: 'single' })).texts);
      expect(texts.at(-1)).toContain('答卷已提交');
    }
    const server = rt.app.callback();
    for (const [u, , [knows, overall, comment]] of B) {
      const invite = (await rt.transcript(u)).find((m) => m.text.includes('/review/answer'))!.text;
      const link = new URL(/https?:\/\/\S+/.exec(invite)![0]);
      expect((await request(server).get(`${link.pathname}${link.search}`)).status).toBe(200);
      const t = link.searchParams.get('t')!;
      const res = await request(server).post('/review/answer').type('form').send({ t, knows, overall, comment });
      expect(res.text).toContain('答卷已提交');
      const again = await request(server)
        .post('/review/answer')
        .type('form')
        .send({ t, knows: 'no', overall: 'unsatisfied' });
      expect(again.status).toBe(409);
      expect(again.text).toContain('你已经参加过');
    }
    expect((await rt.services.store.reviews.voterIds(1)).length).toBe(10);
  });

  test('the reminder goes only to the two who have not answered, once per day', async () => {
    rt.clock.set(new Date('2026-12-02T02:00:00.000Z'));
    const job = rt.scheduler.job('review-reminders')!;
    await rt.scheduler.runner.fire(job, rt.clock.now(), 'manual');
    await rt.scheduler.runner.fire(job, new Date('2026-12-02T02:30:00.000Z'), 'manual');
    const reminded = outboxRows(rt.services.store).filter((r) => r.idemKey?.startsWith('job:review-reminders:'));
    expect(reminded.map((r) => r.chatId).sort()).toEqual(['u_a5', 'u_c1']);
  });

  test('after closing, the dashboard shows the hand-counted 认识率 and 认可率 against the lines', async () => {
    rt.clock.set(new Date('2026-12-10T10:00:01.000Z'));
    admin = await signIn(rt, 'u_admin');
    const page = (await admin.get('/admin/reviews')).text;
    const row = (name: string) =>
      new RegExp(`<tr data-branch="\\d+"><td>${name}</td>(.*?)</tr>`, 's').exec(page)?.[1] ?? '';
    const cells = (name: string) =>
      [...row(name).matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((m) => m[1].replace(/<[^>]+>/g, ''));
    expect(cells('青山村党支部').slice(0, 5)).toEqual(['6', '5', '83.3%', '80%', '80%']);
    expect(row('青山村党支部')).toContain('line-miss');
    expect(cells('白水村党支部').slice(0, 5)).toEqual(['5', '5', '100%', '100%', '100%']);
    expect(row('白水村党支部')).not.toContain('line-miss');
    expect(cells('广州流动党支部')).toEqual(['1', '0', '0%', '答卷不足 5 份，不显示分项']);
    expect(page).toContain('就业（1）');

    // The 群众满意度 page shows each branch's latest review with the same figures and the same withholding.
    const voice = (await admin.get('/admin/satisfaction')).text;
    const section = voice.slice(voice.indexOf('最近一次满意度测评'));
    const latest = (name: string) =>
      [
        ...(new RegExp(`<tr data-branch="\\d+"><td>${name}</td>(.*?)</tr>`, 's').exec(section)?.[1] ?? '').matchAll(
          /<td[^>]*>(.*?)<\/td>/gs,
        ),
      ].map((m) => m[1].replace(/<[^>]+>/g, ''));
    expect(latest('青山村党支部').slice(1)).toEqual(['5/6', '83.3%', '80%', '80%']);
    expect(latest('白水村党支部').slice(1)).toEqual(['5/5', '100%', '100%', '100%']);
    expect(latest('广州流动党支部').slice(1)).toEqual(['0/1', '0%', '答卷不足 5 份，不显示分项']);
  });

  test('attacker: no page, export, log or review table a secretary can reach links a member to an answer', async () => {
    secretaryA = await signIn(rt, 'u_sa');
    const pages = [(await secretaryA.get('/admin/reviews')).text, (await admin.get('/admin/reviews')).text];
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download(secretaryA, '/admin/export/review.xlsx')).body as never);
    const cells: string[] = [];
    workbook.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => cells.push(String(c.value)))));
    const exported = cells.join('\n');
    expect(exported).toContain('希望多组织线上学习');
    expect(pages[0]).not.toContain('白水村党支部'); // the secretary sees only her branch
    for (const text of [...pages, exported]) for (const name of NAMES.slice(1)) expect(text).not.toContain(name);

    // Logs: no line carries an answer's text, and no line names a voter next to a choice.
    const logs = logLines.join('');
    for (const c of SECRET_COMMENTS) expect(logs).not.toContain(c);
    for (const line of logLines)
      if ([...A, ...B].some(([u]) => line.includes(u))) expect(line).not.toMatch(/满意|认识|very|satisfied/);

    // The review tables: marks without answers, counts and comments without members, no rowid to order them by.
    const db = (rt.services.store as unknown as { db: import('better-sqlite3').Database }).db;
    const columns = (t: string) =>
      (db.prepare(`PRAGMA table_info(${t})`).all() as Array<{ name: string }>).map((c) => c.name);
    expect(columns('review_voters')).toEqual(['review_id', 'member_id']);
    for (const t of ['review_counts', 'review_comments'])
      expect(columns(t).some((c) => /member|user|created|updated|_at$/.test(c))).toBe(false);
    for (const t of ['review_voters', 'review_counts', 'review_comments'])
      expect(() => db.prepare(`SELECT rowid FROM ${t}`).all()).toThrow();
    const natural = db.prepare('SELECT random_key FROM review_comments WHERE review_id = 1').all();
    const byKey = db
      .prepare('SELECT random_key FROM review_comments WHERE review_id = 1 ORDER BY branch_id, random_key')
      .all();
    expect(natural).toEqual(byKey);
    expect(db.prepare('SELECT COUNT(*) AS n FROM review_drafts').get()).toEqual({ n: 0 });

    // The transcript and the inbox, as the database (and any copy `zhibu migrate` makes) holds them: a member's
    // 1:1 dialogue answers are there only as a placeholder, so no row puts a member beside a choice or a comment.
    const dump = sqliteDump(db, '/nonexistent');
    const all = async (collection: string) => {
      const out: Array<Record<string, unknown>> = [];
      for await (const batch of dump.read(collection)) out.push(...batch);
      return out;
    };
    const said = [
      ...(await all('chatLog')).map((r) => [r.from, r.chatId, r.text]),
      ...(await all('inbox')).map(({ message: m }) => {
        const msg = m as { userId: string; chatId: string; text: string };
        return [msg.userId, msg.chatId, msg.text];
      }),
    ];
    for (const [u, , answers] of A) {
      const own = said
        .filter(([from, chat, text]) => from === u && chat === u && text !== '后台')
        .map(([, , text]) => text);
      expect([u, [...new Set(own)].sort()]).toEqual([u, answers.length ? ['测评', '［测评答复，已匿名］'] : []]);
    }
    for (const c of SECRET_COMMENTS) expect(said.filter(([, , text]) => text === c)).toEqual([]);

    // What the bot sent never repeats a choice or a comment back into a chat.
    for (const r of outboxRows(rt.services.store)) for (const c of SECRET_COMMENTS) expect(r.text).not.toContain(c);
  });
});
