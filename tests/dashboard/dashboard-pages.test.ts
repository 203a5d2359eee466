import ExcelJS from 'exceljs';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { download, seedTwoBranches, signIn, type Session } from './dashboard-fixture';
import { rosterXlsx } from './roster-files';

const PNG_A = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

function chartData(html: string): Array<{ id: string; data: Array<{ name: string; value: number }> }> {
  return JSON.parse(/<script type="application\/json" id="chart-data">(.*?)<\/script>/s.exec(html)![1]);
}

describe('dashboard pages for a secretary', () => {
  let rt: TestRuntime;
  let s: Session;
  beforeAll(async () => {
    rt = await testRuntime();
    await seedTwoBranches(rt);
    await rt.say('u_sa', 'g_a', '发布任务 学习党章\n截止：2026-12-07 18:00\n证明：图片/文字');
    await rt.say('u_a1', 'g_a', '#1', { images: [PNG_A] });
    await rt.say('u_a2', 'g_a', '#1', { images: [PNG_A] }); // same photo: flagged for review
    s = await signIn(rt, 'u_sa');
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('overview: figures and chart data of the branch, ECharts served locally', async () => {
    const res = await s.get('/admin');
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.text).toMatch(/<script src="\/admin\/assets\/echarts\.min\.js\?v=\w+"><\/script>/);
    expect(res.text).not.toMatch(/https?:\/\/(?!localhost)[^"]*\.js/);
    const charts = chartData(res.text);
    expect(charts.map((c) => c.id)).toEqual([
      'status',
      'gender',
      'age',
      'education',
      'province',
      'city',
      'registration',
      'branch',
    ]);
    expect(charts.find((c) => c.id === 'gender')!.data).toEqual([
      { name: '男', value: 1 },
      { name: '女', value: 1 },
      { name: '未填写', value: 1 },
    ]);
    expect(charts.find((c) => c.id === 'province')!.data).toEqual([
      { name: '广东', value: 2 },
      { name: '湖南', value: 1 },
    ]);
    const js = await s.get('/admin/assets/echarts.min.js').set('Accept-Encoding', 'gzip');
    expect(js.status).toBe(200);
    expect(js.headers['content-encoding']).toBe('gzip');
  });

  test('members: search and flag filters', async () => {
    const byName = await s.get(`/admin/members?q=${encodeURIComponent('张')}`);
    expect(byName.text).toContain('共 1 人');
    expect(byName.text).toContain('13800138000');
    const away = await s.get('/admin/members?flag=away6');
    expect(away.text).toContain('张三');
    expect(away.text).not.toContain('李四'); // left 2026-10: not yet 6 months
    expect((await s.get('/admin/members?flag=noCertificate')).text).toContain('缺活动证');
    expect((await s.get('/admin/members?status=lost')).text).toContain('共 0 人');
  });

  test('member edit: a bad value is named and nothing changes; a good one is saved and audited', async () => {
    const zhang = (await rt.services.store.members.findByName('张三'))[0];
    const bad = await s
      .post(`/admin/members/${zhang.id}`)
      .type('form')
      .send({ _csrf: s.csrf, name: '张三', phone: '123', certificateStatus: 'valid' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('应为 11 位手机号或带区号的固定电话');
    expect(await rt.services.store.members.get(zhang.id)).toMatchObject({
      phone: '13800138000',
      certificateStatus: 'none',
    });
    const ok = await s
      .post(`/admin/members/${zhang.id}`)
      .type('form')
      .send({ _csrf: s.csrf, name: '张三', phone: '13800138001', certificateStatus: 'valid', destination: '广东佛山' });
    expect(ok.status).toBe(303);
    expect(await rt.services.store.members.get(zhang.id)).toMatchObject({
      phone: '13800138001',
      certificateStatus: 'valid',
      destCity: '佛山',
    });
    expect((await s.get(ok.headers.location)).text).toContain('已保存');
    const audit = (await rt.services.store.audit.list(1))[0];
    expect(audit).toMatchObject({ actor: 'sim:u_sa', action: 'member.update' });
    expect(JSON.stringify(audit.detail)).not.toContain('13800138001');
  });

  test('task page: who has not submitted, the gallery, and the flagged proof', async () => {
    const res = await s.get('/admin/tasks/1');
    expect(res.text).toContain('已交 2/3');
    expect(res.text).toMatch(/未提交（1）[\s\S]*青书记/);
    expect(res.text).toContain('证明图片（2）');
    expect(res.text).toContain('待审核（1）');
    const list = await s.get('/admin/tasks');
    expect(list.text).toContain('学习党章');
    expect(list.text).toContain('67%');
  });

  test('review: rejecting needs a reason; approving books the points once and tells the member', async () => {
    const flagged = (await rt.services.store.submissions.listByTask(1)).find((x) => x.status === 'flagged')!;
    const noReason = await s
      .post(`/admin/submissions/${flagged.id}/review`)
      .type('form')
      .send({ _csrf: s.csrf, verdict: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('驳回需要写明理由');
    const ok = await s
      .post(`/admin/submissions/${flagged.id}/review`)
      .type('form')
      .send({ _csrf: s.csrf, verdict: 'approve' });
    expect(ok.status).toBe(303);
    expect((await rt.services.store.submissions.get(flagged.id))?.status).toBe('accepted');
    await s.post(`/admin/submissions/${flagged.id}/review`).type('form').send({ _csrf: s.csrf, verdict: 'approve' });
    expect((await rt.services.store.ledger.listByMember(flagged.memberId)).map((e) => e.delta)).toEqual([5]);
    await rt.outbox.drainOnce();
    expect(
      (await rt.transcript('u_a2')).some(
        (m) => m.from === 'bot' && m.text.includes(`提交 S${flagged.id} 已审核通过，积分 +5`),
      ),
    ).toBe(true);
  });

  test('points page ranks and averages; the ledger export has every entry', async () => {
    const res = await s.get('/admin/points');
    expect(res.text).toMatch(/<td class="num">1<\/td><td><a href="\/admin\/members\/\d+">[张李]/);
    const trend = chartData(res.text).find((c) => c.id === 'trend')!;
    expect(trend.data.at(-1)).toEqual({ name: '2026-12', value: 10 });
    const file = await download(s, '/admin/export/points.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as never);
    expect(wb.getWorksheet('积分明细')!.rowCount).toBe(3);
  });

  test('import over HTTP: dry run reports, commit imports, CSRF header required', async () => {
    const file = await rosterXlsx([
      { 姓名: '孙七', 手机号码: '13700137000', 流出地支部: '青山村党支部' },
      { 姓名: '周八', 手机号码: '137', 流出地支部: '青山村党支部' },
    ]);
    const url = `/admin/import/members?name=${encodeURIComponent('名单.xlsx')}`;
    expect((await s.post(url).set('Content-Type', 'application/octet-stream').send(file)).status).toBe(403);
    const dry = await s
      .post(url)
      .set('x-csrf-token', s.csrf)
      .set('Content-Type', 'application/octet-stream')
      .send(file);
    expect(dry.body).toMatchObject({
      dryRun: true,
      rows: 2,
      created: 1,
      badRows: 1,
      errors: [{ row: 3, column: '手机号码' }],
    });
    expect(await rt.services.store.members.findByName('孙七')).toEqual([]);
    const done = await s
      .post(`${url}&commit=1`)
      .set('x-csrf-token', s.csrf)
      .set('Content-Type', 'application/octet-stream')
      .send(file);
    expect(done.body).toMatchObject({ dryRun: false, created: 1, badRows: 1 });
    expect(await rt.services.store.members.findByName('孙七')).toHaveLength(1);
    const junk = await s
      .post(`/admin/import/members?name=a.pdf`)
      .set('x-csrf-token', s.csrf)
      .set('Content-Type', 'application/octet-stream')
      .send(Buffer.from('x'));
    expect(junk.status).toBe(400);
    expect(junk.body.error).toContain('不支持的文件类型');
  });

  test('member export: Chinese headers, phone numbers as text, the filter applied', async () => {
    const file = await download(s, `/admin/export/members.xlsx?q=${encodeURIComponent('张三')}`);
    expect(file.headers['content-disposition']).toContain(
      "filename*=UTF-8''%E5%85%9A%E5%91%98%E5%90%8D%E5%8D%95-2026-12-01.xlsx",
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as never);
    const ws = wb.getWorksheet('党员名单')!;
    expect((ws.getRow(1).values as string[]).slice(1, 7)).toEqual([
      '编号',
      '姓名',
      '性别',
      '出生年月',
      '学历',
      '手机号码',
    ]);
    expect(ws.rowCount).toBe(2);
    const phone = ws.getRow(2).getCell(6);
    expect(phone.value).toBe('13800138001');
    expect(phone.type).toBe(ExcelJS.ValueType.String);
    expect(ws.getColumn(6).numFmt).toBe('@');
  });

  test('task export: a sheet of who has not submitted', async () => {
    const file = await download(s, '/admin/export/tasks.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['完成情况', '未提交名单', '提交明细']);
    const missing = wb.getWorksheet('未提交名单')!;
    expect(missing.rowCount).toBe(3); // header, 青书记, and 孙七 imported after the task was published
    expect(missing.getRow(2).getCell(4).value).toBe('青书记');
  });
});
