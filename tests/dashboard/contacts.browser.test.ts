import type { Browser } from 'playwright-core';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import {
  CANVAS_INK,
  DESKTOP,
  launchChromium,
  listen,
  newContext,
  shotPath,
  stopBrowserTest,
  WIDTHS,
} from './browser-harness';
import { browserSignIn, seedTwoBranches } from './dashboard-fixture';

jest.setTimeout(180_000);

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const LONG_NOTE =
  '谈心谈话：在广州从事电工工作，收入稳定，愿意参加流入地支部的组织生活；家中母亲独居，村里已安排网格员每周上门看望，https://example.org/a/very/long/link/that/should/not/widen/the/page';
const PAGE_OVERFLOW = `document.documentElement.scrollWidth - document.documentElement.clientWidth`;
const CUT_CELLS = `Array.from(document.querySelectorAll('main td, main th')).filter((c) => {
  const r = c.getBoundingClientRect();
  return r.width > 0 && r.right > document.documentElement.clientWidth + 1;
}).length`;

/** The 谈话走访 page and the printable certificate in a real Chromium, at 390 px and on a desktop, and printed. */
describe('contacts and certificate pages in a browser', () => {
  let rt: TestRuntime;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;

  beforeAll(async () => {
    rt = await testRuntime({ HOMECOMING_WINDOWS: '2026-11-20..2026-12-20' });
    await seedTwoBranches(rt);
    await rt.say('u_sa', 'u_sa', `谈话 张三 ${LONG_NOTE}`, { images: [PNG] });
    await rt.say('u_sa', 'u_sa', '走访 李四 看望父母');
    await rt.say('u_sa', 'g_a', '开具证明 李四');
    await rt.say('u_a2', 'g_a', '返乡报到 停留到 12月15日');
    server = await listen(rt.app.callback());
    browser = await launchChromium();
  });
  afterAll(() => stopBrowserTest(browser, server, rt));

  for (const [label, kind] of WIDTHS) {
    test(`${label}: both pages fit the width, the charts draw, the certificate shows its fields`, async () => {
      const context = await newContext(browser, kind);
      const p = await browserSignIn(rt, context, server.origin);
      expect((await p.goto(`${server.origin}/admin/contacts`))?.status()).toBe(200);
      await p.waitForLoadState('networkidle');
      await p.waitForSelector('html[data-tables-ready]', { state: 'attached' });
      expect(await p.evaluate(PAGE_OVERFLOW)).toBe(0);
      expect(await p.evaluate(CUT_CELLS)).toBe(0);
      const ink = (await p.evaluate(CANVAS_INK)) as number[];
      expect(ink).toHaveLength(2);
      for (const n of ink) expect(n).toBeGreaterThan(0);
      expect(await p.locator('#homecomings tbody tr').count()).toBe(1);
      await p.screenshot({ path: shotPath(`contacts-${label}`), fullPage: true });
      await p.click('#certificates a');
      await p.waitForURL(/\/admin\/certificates\/\d+$/);
      await p.waitForLoadState('networkidle');
      expect(await p.evaluate(PAGE_OVERFLOW)).toBe(0);
      expect(await p.locator('#certificate-number').textContent()).toMatch(/^LD2026-\d{5}$/);
      expect(await p.locator('#certificate th').allTextContents()).toEqual(
        expect.arrayContaining([
          '姓名',
          '性别',
          '出生年月',
          '入党时间',
          '所在党支部',
          '外出地点',
          '外出时间',
          '有效期',
        ]),
      );
      await p.screenshot({ path: shotPath(`certificate-${label}`), fullPage: true });
      await context.close();
    });
  }

  test('printed: the page chrome is hidden and the certificate is one A4 page', async () => {
    const context = await newContext(browser, DESKTOP);
    const p = await browserSignIn(rt, context, server.origin);
    const id = (await rt.services.store.certificates.list())[0].id;
    await p.goto(`${server.origin}/admin/certificates/${id}`);
    await p.emulateMedia({ media: 'print' });
    expect(await p.locator('header.top').isVisible()).toBe(false);
    expect(await p.locator('#print').isVisible()).toBe(false);
    expect(await p.locator('#certificate').isVisible()).toBe(true);
    const pdf = await p.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    await context.close();
  });
});
