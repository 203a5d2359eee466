import ExcelJS from 'exceljs';
import { helpCaseFigures } from '../../src/reports/help-case-report';
import type { HelpCase } from '../../src/help-cases/help-case';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { download, seedTwoBranches, signIn, type Session } from './dashboard-fixture';

const H = 3_600_000;

describe('help cases in the dashboard', () => {
  let rt: TestRuntime;
  let a: Session;
  beforeAll(async () => {
    rt = await testRuntime();
    await seedTwoBranches(rt);
    const { store } = rt.services;
    const t0 = rt.clock.now();
    const at = (h: number) => new Date(t0.getTime() + h * H);
    const [zhang] = await store.members.findByName('张三');
    const [wang] = await store.members.findByName('王五');
    const open = async (
      memberId: number,
      homeBranchId: number,
      category: HelpCase['category'],
      content: string,
      key: string,
    ) =>
      (await store.helpCases.open({ memberId, homeBranchId, category, content, platform: 'sim', sourceKey: key }, t0))
        .helpCase;
    const c1 = await open(zhang.id, zhang.homeBranchId!, 'medical', '住院没备案，医保怎么报销？', 'k1');
    await store.helpCases.update(
      c1.id,
      { status: 'closed', firstReplyAt: at(2).toISOString(), closedAt: at(30).toISOString(), result: '已办理异地备案' },
      at(30),
    );
    const c2 = await open(zhang.id, zhang.homeBranchId!, 'medical', '孩子体检在哪里做', 'k2');
    await store.helpCases.update(
      c2.id,
      { status: 'closed', firstReplyAt: at(1).toISOString(), closedAt: at(10).toISOString() },
      at(10),
    );
    await open(zhang.id, zhang.homeBranchId!, 'schooling', '孩子转学需要什么材料', 'k3');
    await open(wang.id, wang.homeBranchId!, 'jobs', '老板欠薪三个月', 'k4');
    a = await signIn(rt, 'u_sa');
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('figures: counts per category and status, median and average time to close', async () => {
    const figures = helpCaseFigures(await rt.services.store.helpCases.list());
    const medical = figures.find((f) => f.category === 'medical')!;
    expect(medical).toMatchObject({
      total: 2,
      byStatus: { open: 0, replied: 0, closed: 2 },
      medianHoursToClose: 20,
      averageHoursToClose: 20,
      medianHoursToFirstReply: 1.5,
    });
    expect(figures.at(-1)).toMatchObject({ label: '合计', total: 4, byStatus: { open: 2, replied: 0, closed: 2 } });
  });

  test('the page lists the own branch cases only, with status and time to close', async () => {
    const res = await a.get('/admin/help-cases');
    expect(res.status).toBe(200);
    expect(res.text).toContain('住院没备案');
    expect(res.text).toContain('30 小时');
    expect(res.text).not.toContain('老板欠薪');
    const b = (await rt.services.store.members.findByName('王五'))[0].homeBranchId;
    expect((await a.get(`/admin/help-cases?branch=${b}`)).text).not.toContain('老板欠薪');
    const filtered = await a.get('/admin/help-cases?status=open');
    expect(filtered.text).toContain('孩子转学');
    expect(filtered.text).not.toContain('住院没备案');
  });

  test('export: the own branch cases with Chinese headers', async () => {
    const file = await download(a, '/admin/export/help-cases.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as never);
    const ws = wb.getWorksheet('求助记录')!;
    expect(ws.getRow(1).getCell(9).value).toBe('求助内容');
    const contents: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) contents.push(String(row.getCell(9).value));
    });
    expect(contents.sort()).toEqual(['住院没备案，医保怎么报销？', '孩子体检在哪里做', '孩子转学需要什么材料'].sort());
  });
});
