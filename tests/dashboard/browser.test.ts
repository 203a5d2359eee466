import ExcelJS from 'exceljs';
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FULL_SCOPE } from '../../src/access/access-scope';
import { importRoster } from '../../src/excel/roster-import';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { CANVAS_INK, DESKTOP, PHONE, launchChromium, listen, newContext, shotPath } from './browser-harness';
import { browserSignIn, seedTwoBranches } from './dashboard-fixture';
import { manyRows, rosterXlsx } from './roster-files';

jest.setTimeout(180_000);

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** The dashboard in Debian's Chromium (playwright-core): what a secretary does, on a desktop and on a phone. */
describe('dashboard in a real browser', () => {
  let rt: TestRuntime;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  let desktop: BrowserContext;
  let page: Page;

  const signIn = (context: BrowserContext): Promise<Page> => browserSignIn(rt, context, server.origin);

  beforeAll(async () => {
    rt = await testRuntime();
    await seedTwoBranches(rt);
    await importRoster(rt.services.store, await rosterXlsx(manyRows(300, '青山村党支部')), 'seed.xlsx', {
      scope: FULL_SCOPE,
      actor: 'test',
      now: rt.clock.now(),
      tz: 'Asia/Shanghai',
      dryRun: false,
    });
    await rt.say('u_sa', 'g_a', '发布任务 学习党章第一章\n截止：2026-12-07 18:00\n证明：图片/文字');
    await rt.say('u_a1', 'g_a', '#1', { images: [PNG] });
    await rt.say('u_a2', 'g_a', '#1 认真学习了党章第一章，理解了党的性质和宗旨，要在工作中落实。');
    const [zhang] = await rt.services.store.members.findByName('张三');
    await rt.services.store.helpCases.open(
      {
        memberId: zhang.id,
        homeBranchId: zhang.homeBranchId,
        category: 'medical',
        content: '住院没备案，医保怎么报销？',
        platform: 'sim',
        sourceKey: 'b1',
      },
      rt.clock.now(),
    );
    server = await listen(rt.app.callback());
    browser = await launchChromium();
    desktop = await newContext(browser, DESKTOP);
    page = await signIn(desktop);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rt.stop();
    cleanupTempDirs();
  });

  test('signing in through the chat link lands on the overview; the link is spent', async () => {
    expect(await page.textContent('main h1')).toBe('概览');
    expect(await page.textContent('header .who')).toContain('青书记');
    const cookies = await desktop.cookies();
    expect(cookies.find((c) => c.name === 'zhibu_admin')).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
      path: '/admin',
    });
  });

  test('overview: all eight charts are drawn on canvas', async () => {
    await page.waitForSelector('html[data-charts-ready]', { state: 'attached' });
    const ink = (await page.evaluate(CANVAS_INK)) as number[];
    expect(ink).toHaveLength(8);
    for (const n of ink) expect(n).toBeGreaterThan(500);
    expect(await page.textContent('.kpis')).toContain('党员总数');
    await page.screenshot({ path: shotPath('overview-desktop'), fullPage: true });
  });

  test('overview on a phone: charts drawn, nav usable', async () => {
    const phone = await newContext(browser, PHONE);
    const p = await signIn(phone);
    await p.waitForSelector('html[data-charts-ready]', { state: 'attached' });
    const ink = (await p.evaluate(CANVAS_INK)) as number[];
    expect(ink.every((n) => n > 500)).toBe(true);
    const width = await p.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await p.screenshot({ path: shotPath('overview-phone'), fullPage: true });
    await p.screenshot({ path: shotPath('overview-phone-top') });
    await p.click('nav >> text=党员');
    await p.waitForSelector('#members');
    await p.screenshot({ path: shotPath('members-phone'), fullPage: false });
    await phone.close();
  });

  test('members: filter by search and by flag', async () => {
    await page.goto(`${server.origin}/admin/members`);
    expect(await page.textContent('#member-count')).toContain('共 303 人');
    await page.fill('input[name=q]', '张三');
    await page.click('#member-filter button');
    await page.waitForURL(/q=/);
    expect(await page.textContent('#member-count')).toBe('共 1 人');
    expect(await page.textContent('#members tbody')).toContain('13800138000');
    await page.fill('input[name=q]', '');
    await page.selectOption('select[name=flag]', 'away6');
    await page.click('#member-filter button');
    await page.waitForURL(/flag=away6/);
    const rows = await page.locator('#members tbody tr').allTextContents();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r).toContain('外出满6个月');
    await page.screenshot({ path: shotPath('members-desktop'), fullPage: false });
  });

  test('export the filtered list and read the Excel file back', async () => {
    const count = Number(/共 (\d+) 人/.exec((await page.textContent('#member-count'))!)![1]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-members')]);
    expect(download.suggestedFilename()).toBe('党员名单-2026-12-01.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync((await download.path())!) as never);
    const ws = wb.getWorksheet('党员名单')!;
    expect(ws.rowCount - 1).toBe(count);
    expect(ws.getRow(1).getCell(2).value).toBe('姓名');
    const phones = [];
    for (let r = 2; r <= ws.rowCount; r++) {
      expect(String(ws.getRow(r).getCell(ws.columnCount).value)).toContain('外出满6个月');
      const phone = ws.getRow(r).getCell(6);
      if (phone.value !== null) phones.push(phone);
    }
    expect(phones.length).toBeGreaterThan(0);
    for (const p of phones) expect(p.type).toBe(ExcelJS.ValueType.String);
  });

  test('import a roster with one bad row: the dry run names it, the import takes the rest', async () => {
    await page.goto(`${server.origin}/admin/import`);
    const file = await rosterXlsx([
      { 姓名: '钱一', 手机号码: '13600136000', 流入地: '广东东莞', 流出地支部: '青山村党支部' },
      { 姓名: '钱二', 手机号码: '1360013', 流出地支部: '青山村党支部' },
      { 姓名: '钱三', 性别: '女', 流出地支部: '青山村党支部' },
    ]);
    await page.setInputFiles('#roster-file', {
      name: '新名单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    await page.click('#check');
    await page.waitForSelector('#import-result[data-state=checked]');
    expect(await page.textContent('#import-result .notice')).toBe(
      '「新名单.xlsx」共 3 行：可导入 2 行（新增 2，更新 0），有问题 1 行。',
    );
    const errors = await page.evaluate(`Array.from(document.querySelectorAll('#import-errors tr')).slice(1)
      .map((tr) => Array.from(tr.children, (td) => td.textContent))`);
    expect(errors).toEqual([
      ['第 3 行', '手机号码', '1360013', '应为 11 位手机号或带区号的固定电话，例如 13800138000'],
    ]);
    await page.screenshot({ path: shotPath('import-checked'), fullPage: true });
    expect(await rt.services.store.members.findByName('钱一')).toEqual([]);
    await page.click('#commit');
    await page.waitForSelector('#import-result[data-state=imported]');
    expect(await page.textContent('#import-result .notice')).toContain('已导入 2 行');
    expect(await rt.services.store.members.findByName('钱一')).toHaveLength(1);
    expect(await rt.services.store.members.findByName('钱二')).toEqual([]);
  });

  test('every other page renders (screenshots for review)', async () => {
    const zhang = (await rt.services.store.members.findByName('张三'))[0];
    for (const [name, path, selector] of [
      ['tasks', '/admin/tasks', '#tasks'],
      ['task-detail', '/admin/tasks/1', '#gallery'],
      ['member-edit', `/admin/members/${zhang.id}`, '#member-form'],
      ['points', '/admin/points', '#ranking'],
      ['help-cases', '/admin/help-cases', '#help-cases'],
    ] as const) {
      const res = await page.goto(`${server.origin}${path}`);
      expect(res?.status()).toBe(200);
      await page.waitForSelector(selector);
      if (name === 'points' || name === 'help-cases')
        await page.waitForSelector('html[data-charts-ready]', { state: 'attached' });
      await page.screenshot({ path: shotPath(name), fullPage: true });
    }
    // The proof thumbnail loads through the authorized media route.
    await page.goto(`${server.origin}/admin/tasks/1`);
    await page.locator('#gallery img').first().scrollIntoViewIfNeeded();
    const width = await page.waitForFunction(`(() => {
      const img = document.querySelector('#gallery img');
      return img && img.complete ? img.naturalWidth : undefined;
    })()`);
    expect(await width.jsonValue()).toBe(1);
  });
});
