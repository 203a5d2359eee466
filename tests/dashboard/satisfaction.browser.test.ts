import type { Browser } from 'playwright-core';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { launchChromium, listen, newContext, shotPath, stopBrowserTest, WIDTHS } from './browser-harness';
import { browserSignIn, seedTwoBranches } from './dashboard-fixture';

jest.setTimeout(180_000);

const PAGE_OVERFLOW = `document.documentElement.scrollWidth - document.documentElement.clientWidth`;
const CUT_CELLS = `Array.from(document.querySelectorAll('main td, main th')).filter((c) => {
  const r = c.getBoundingClientRect();
  return r.width > 0 && r.right > document.documentElement.clientWidth + 1;
}).length`;
const LONG =
  '支部学习时间都安排在工作日白天，我们在外地工厂上班的党员根本请不了假，希望能改到晚上或者周末并提供线上回看';

/** The 群众满意度 page in real Chromium, on a desktop and on a 390 px phone. */
describe('群众满意度 page in a browser', () => {
  let rt: TestRuntime;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;

  beforeAll(async () => {
    rt = await testRuntime();
    await seedTwoBranches(rt); // 青山村 (g_a, secretary u_sa): 张三 u_a1, 李四 u_a2
    await rt.say('u_a1', 'u_a1', `意见 ${LONG}`, { chatType: 'single' });
    await rt.say('u_a2', 'u_a2', '建议 匿名 党费可以线上缴纳', { chatType: 'single' });
    await rt.say('u_sa', 'u_sa', '销号 Y2 已开通线上缴纳党费', { chatType: 'single' });
    server = await listen(rt.app.callback());
    browser = await launchChromium();
  });
  afterAll(() => stopBrowserTest(browser, server, rt));

  for (const [label, kind] of WIDTHS) {
    test(`${label}: reached from the nav, figures and list shown, nothing sticks out`, async () => {
      const context = await newContext(browser, kind);
      const p = await browserSignIn(rt, context, server.origin);
      await p.click('nav a[href="/admin/satisfaction"]');
      await p.waitForURL(`${server.origin}/admin/satisfaction`);
      await p.waitForSelector('html[data-tables-ready]', { state: 'attached' });
      expect(await p.textContent('h1')).toBe('群众满意度');
      expect(await p.getAttribute('nav a[href="/admin/satisfaction"]', 'aria-current')).toBe('page');
      expect(await p.textContent('#satisfaction .closure-rate')).toBe('50%');
      expect(await p.textContent('#opinions')).toContain('匿名党员');
      expect(await p.textContent('#opinions')).not.toContain('李四');
      expect(await p.getAttribute('#export-opinions', 'href')).toBe('/admin/export/opinions.xlsx');
      expect(await p.evaluate(PAGE_OVERFLOW)).toBe(0);
      expect(await p.evaluate(CUT_CELLS)).toBe(0);
      await p.screenshot({ path: shotPath(`satisfaction-${label}`), fullPage: true });
      await context.close();
    });
  }
});
