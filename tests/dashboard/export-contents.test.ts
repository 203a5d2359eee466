import ExcelJS from 'exceljs';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { download, seedTwoBranches, signIn, type Session } from './dashboard-fixture';

/** Rows of one sheet as header → value records, so a test names columns as a secretary reads them. */
async function sheetRows(body: Buffer, sheet: string): Promise<Array<Record<string, unknown>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as never);
  const ws = wb.getWorksheet(sheet)!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Array<Record<string, unknown>> = [];
  ws.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value ?? undefined])));
  });
  return rows;
}

/** What a secretary reads in the Excel files: every proof a member gave, and who booked each point by name. */
describe('Excel exports a secretary can read', () => {
  let rt: TestRuntime;
  let sa: Session;
  const LINK = 'https://mp.weixin.qq.com/s/abc123';

  beforeAll(async () => {
    rt = await testRuntime();
    await seedTwoBranches(rt);
    await rt.say('u_sa', 'g_a', '发布任务 观看党课视频\n截止：2026-12-07 18:00\n证明：链接/文字');
    await rt.say('u_a1', 'g_a', `#1 ${LINK}`);
    await rt.say('u_a2', 'g_a', '#1 看完了党课视频，深受教育，要在工作中发挥党员先锋模范作用。');
    await rt.say('u_sa', 'g_a', '加分 张三 5 参加社区志愿服务');
    sa = await signIn(rt, 'u_sa');
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('提交明细 shows a link proof and a written note', async () => {
    const res = await download(sa, '/admin/export/tasks.xlsx?task=1');
    expect(res.status).toBe(200);
    const rows = await sheetRows(res.body, '提交明细');
    expect(rows.find((r) => r['姓名'] === '张三')).toMatchObject({ 链接: LINK });
    expect(String(rows.find((r) => r['姓名'] === '李四')?.['心得'])).toContain('看完了党课视频');
  });

  test('积分明细 names who booked each entry, with the account in a second column', async () => {
    const res = await download(sa, '/admin/export/points.xlsx');
    const rows = await sheetRows(res.body, '积分明细');
    expect(rows.find((r) => r['类型'] === '手动')).toMatchObject({
      姓名: '张三',
      分值: 5,
      操作人: '青书记',
      操作人账号: 'sim:u_sa',
    });
    expect(rows.find((r) => r['类型'] === '任务')).toMatchObject({ 操作人: '系统（自动计分）', 操作人账号: 'system' });
  });
});
