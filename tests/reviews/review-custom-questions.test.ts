import ExcelJS from 'exceljs';
import request from 'supertest';
import { download, signIn } from '../dashboard/dashboard-fixture';
import { cleanupTempDirs } from '../helpers/temp-dir';
import type { TestRuntime } from '../helpers/test-runtime';
import { checkIn, dm, reviewRuntime } from './review-fixture';

const OPEN = `发起测评 学习安排测评
问题：支部组织的学习方便参加吗？｜方便/不方便/没参加过
问题：对学习安排有什么建议｜文字
问题：你最需要哪方面的帮助｜就业／就医，子女上学
截止：12月10日 18:00`;

/**
 * 青山村 has six members (王书记 and five checked in); five answer. Hand count of the custom questions —
 * 学习方便: 方便 3 (李四, 王五, 钱七), 不方便 2 (张三, 赵六), 没参加过 0; 需要帮助: 就业 1, 就医 3, 子女上学 1.
 */
const DIALOGUES: Array<[string, string[]]> = [
  ['u_zhang', ['1', '满意', '不方便', '3', '希望改到晚上']],
  ['u_li', ['1', '1', '1', '就业', '无']],
  ['u_wang', ['认识', '基本满意', '方便', '2', '无']],
  ['u_zhao', ['2', '4', '2', '就医', '无']],
];

/** The cells of one question's count table on the reviews page. */
function questionCells(page: string, question: number): string[] {
  const table = new RegExp(`<table class="question-counts" data-question="${question}">(.*?)</table>`, 's').exec(page);
  return [...(table?.[1] ?? '').matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((m) => m[1]);
}

describe('custom review questions: opened by the admin, answered in chat and on the page, counted per option', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await reviewRuntime();
    for (const [u, name] of [
      ['u_zhang', '张三'],
      ['u_li', '李四'],
      ['u_wang', '王五'],
      ['u_zhao', '赵六'],
      ['u_qian', '钱七'],
    ])
      await checkIn(rt, u, name);
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('bad questions get a clear answer and open nothing', async () => {
    const one = await rt.say('u_admin', 'g_home', OPEN.replace('方便/不方便/没参加过', '方便'));
    expect(one.texts.join('')).toContain('至少要有两个选项');
    const dup = await rt.say('u_admin', 'g_home', OPEN.replace('没参加过', '方便'));
    expect(dup.texts.join('')).toContain('选项「方便」重复');
    const empty = await rt.say('u_admin', 'g_home', OPEN.replace('｜方便/不方便/没参加过', '｜'));
    expect(empty.texts.join('')).toContain('没有写选项');
    expect(await rt.services.store.reviews.list()).toEqual([]);
  });

  test('the dialogue asks the measured questions, then the custom ones, the text question last', async () => {
    const opened = await rt.say('u_admin', 'g_home', OPEN);
    expect(opened.texts.at(-1)).toContain('已发起满意度测评 C1');
    expect(opened.texts.at(-1)).toContain('共 5 题');
    expect((await rt.transcript('u_zhang')).find((m) => m.text.includes('C1'))?.text).toContain('共 5 题');
    const [zhang, ...others] = DIALOGUES;
    expect(await dm(rt, zhang[0], '测评')).toContain('共 5 题');
    await dm(rt, zhang[0], '1');
    const third = await dm(rt, zhang[0], '满意');
    expect(third).toContain('第 3 题：支部组织的学习方便参加吗？');
    expect(third).toContain('3. 没参加过');
    expect(await dm(rt, zhang[0], '随便')).toContain('请回复 1–3');
    expect(await dm(rt, zhang[0], '不方便')).toContain('第 4 题：你最需要哪方面的帮助');
    expect(await dm(rt, zhang[0], '3')).toContain('第 5 题：对学习安排有什么建议');
    expect(await dm(rt, zhang[0], '希望改到晚上')).toContain('答卷已提交');
    for (const [u, answers] of others) {
      await dm(rt, u, '测评');
      let last = '';
      for (const a of answers) last = await dm(rt, u, a);
      expect([u, last]).toEqual([u, expect.stringContaining('答卷已提交')]);
    }
  });

  test('the answer page shows the custom questions and needs every choice', async () => {
    const server = rt.app.callback();
    const invite = (await rt.transcript('u_qian')).find((m) => m.text.includes('/review/answer'))!.text;
    const link = new URL(/https?:\/\/\S+/.exec(invite)![0]);
    const form = await request(server).get(`${link.pathname}${link.search}`);
    expect(form.text).toContain('3. 支部组织的学习方便参加吗？');
    expect(form.text).toContain('5. 对学习安排有什么建议');
    expect(form.text).toContain('name="q2" value="2"');
    const t = link.searchParams.get('t')!;
    const missing = await request(server)
      .post('/review/answer')
      .type('form')
      .send({ t, knows: 'yes', overall: 'very', q0: '0' });
    expect(missing.status).toBe(400);
    const outOfRange = await request(server)
      .post('/review/answer')
      .type('form')
      .send({ t, knows: 'yes', overall: 'very', q0: '3', q2: '1' });
    expect(outOfRange.status).toBe(400);
    expect((await rt.services.store.reviews.voterIds(1)).length).toBe(4);
    const ok = await request(server)
      .post('/review/answer')
      .type('form')
      .send({ t, knows: 'yes', overall: 'very', q0: '0', q2: '1', comment: '' });
    expect(ok.text).toContain('答卷已提交');
  });

  test('per-option counts are withheld while open, then shown on the page, the chart and the Excel export', async () => {
    const early = await signIn(rt, 'u_admin');
    const whileOpen = (await early.get('/admin/reviews')).text;
    expect(whileOpen).toContain('测评进行中，截止后显示');
    expect(whileOpen).not.toContain('question-counts');
    rt.clock.set(new Date('2026-12-10T10:00:01.000Z'));
    const admin = await signIn(rt, 'u_admin');
    const page = (await admin.get('/admin/reviews')).text;
    expect(questionCells(page, 0)).toEqual(['方便', '3', '不方便', '2', '没参加过', '0']);
    expect(questionCells(page, 2)).toEqual(['就业', '1', '就医', '3', '子女上学', '1']);
    expect(page).toContain('希望改到晚上');
    const charts = JSON.parse(/<script type="application\/json" id="chart-data">(.*?)<\/script>/s.exec(page)![1]);
    const chart = charts.find((c: { id: string }) => c.id.endsWith('-q0'));
    expect(chart.data).toEqual([
      { name: '方便', value: 3 },
      { name: '不方便', value: 2 },
      { name: '没参加过', value: 0 },
    ]);
    expect(page).toContain(`id="chart-${chart.id}"`);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download(admin, '/admin/export/review.xlsx')).body as never);
    const sheet = workbook.getWorksheet('测评结果')!;
    const headers = (sheet.getRow(1).values as unknown[]).map(String);
    const row = sheet.getRow(2).values as unknown[];
    expect(row[headers.indexOf('支部组织的学习方便参加吗？：方便')]).toBe(3);
    expect(row[headers.indexOf('你最需要哪方面的帮助：就医')]).toBe(3);
  });
});
