import type { Browser } from 'playwright-core';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { launchChromium, listen, newContext, shotPath, stopBrowserTest, WIDTHS } from './browser-harness';
import { browserSignIn, seedTwoBranches } from './dashboard-fixture';

jest.setTimeout(180_000);

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const PAGE_OVERFLOW = `document.documentElement.scrollWidth - document.documentElement.clientWidth`;
const CUT_CELLS = `Array.from(document.querySelectorAll('main td, main th')).filter((c) => {
  const r = c.getBoundingClientRect();
  return r.width > 0 && r.right > document.documentElement.clientWidth + 1;
}).length`;
/** Completion photos that the browser actually loaded (a broken media route leaves them at width 0). */
const LOADED_PHOTOS = `Array.from(document.querySelectorAll('#claims img')).filter((i) => i.complete && i.naturalWidth > 0).length`;

/** The 奉献 pages in a real browser on a 390 px phone and a desktop: reachable from the nav, nothing cut off. */
describe('奉献 dashboard pages in a browser', () => {
  let rt: TestRuntime;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;

  beforeAll(async () => {
    rt = await testRuntime();
    await seedTwoBranches(rt);
    await rt.say(
      'u_sa',
      'g_a',
      '发布活动 冬季村容村貌整治暨关爱留守老人上门走访志愿服务活动（请穿红马甲）\n时间：12月12日（周六）上午8:30至下午5:00\n地点：青山村村民委员会门口广场集合，统一乘车前往各自然村\n名额：3\n分值：5',
    );
    await rt.say('u_sa', 'g_a', '发布心愿 留守儿童小明想要一套课外读物\n名额：1\n分值：3');
    await rt.say('u_a1', 'g_a', '报名 A1');
    await rt.say('u_a2', 'g_a', '报名 A1');
    await rt.say('u_a1', 'g_a', '完成 A1 上午打扫了三条巷子，下午走访了五户留守老人家庭，帮助修理了电器', {
      images: [PNG],
    });
    await rt.say('u_sa', 'g_a', '确认 A1 张三');
    server = await listen(rt.app.callback());
    browser = await launchChromium();
  });
  afterAll(() => stopBrowserTest(browser, server, rt));

  for (const [label, kind] of WIDTHS) {
    test(`${label}: list and detail open from the nav, show claims and photos, and never scroll sideways`, async () => {
      const context = await newContext(browser, kind);
      const p = await browserSignIn(rt, context, server.origin);
      await p.click('nav a[href="/admin/service"]');
      await p.waitForURL(`${server.origin}/admin/service`);
      await p.waitForSelector('html[data-tables-ready]', { state: 'attached' });
      expect(await p.locator('#service tbody tr').count()).toBe(2);
      expect(await p.locator('#service-points').innerText()).toBe('5');
      const listOverflow = [await p.evaluate(PAGE_OVERFLOW), await p.evaluate(CUT_CELLS)];
      await p.screenshot({ path: shotPath(`service-list-${label}`), fullPage: true });
      await p.click('#service a[href="/admin/service/1"] >> nth=0');
      await p.waitForURL(`${server.origin}/admin/service/1`);
      await p.waitForLoadState('networkidle');
      expect(await p.locator('#claims tbody tr').count()).toBe(2);
      expect(await p.locator('#service-places').innerText()).toBe('2/3');
      expect(await p.evaluate(LOADED_PHOTOS)).toBe(1);
      const detailOverflow = [await p.evaluate(PAGE_OVERFLOW), await p.evaluate(CUT_CELLS)];
      await p.screenshot({ path: shotPath(`service-detail-${label}`), fullPage: true });
      expect({ list: listOverflow, detail: detailOverflow }).toEqual({ list: [0, 0], detail: [0, 0] });
      await context.close();
    });
  }
});
