import type { Browser } from 'playwright-core';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { cst } from '../jobs/jobs-fixture';
import { CANVAS_INK, launchChromium, listen, newContext, shotPath, stopBrowserTest, WIDTHS } from './browser-harness';
import { browserSignIn, seedTwoBranches } from './dashboard-fixture';

jest.setTimeout(180_000);

const PAGE_OVERFLOW = `document.documentElement.scrollWidth - document.documentElement.clientWidth`;
const CUT_CELLS = `Array.from(document.querySelectorAll('main td, main th')).filter((c) => {
  const r = c.getBoundingClientRect();
  return r.width > 0 && r.right > document.documentElement.clientWidth + 1;
}).length`;

/** The meetings pages in real Chromium, on a desktop and on a 390 px phone. */
describe('meetings pages in a browser', () => {
  let rt: TestRuntime;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;

  beforeAll(async () => {
    rt = await testRuntime({}, cst('2026-12-01T09:00:00').toISOString());
    await seedTwoBranches(rt);
    await rt.say(
      'u_sa',
      'g_a',
      '安排会议 学习党的二十届四中全会精神暨年度组织生活会准备\n类型：支部党员大会\n时间：12月3日 14:00-16:00\n地点：青山村村委会二楼会议室\n线上：https://meeting.example.org/j/a-very-long-meeting-link-that-must-not-widen-the-page\n分值：5',
    );
    rt.clock.set(cst('2026-12-03T14:10:00'));
    await rt.say('u_a1', 'g_a', '签到 M1');
    await rt.say('u_a2', 'g_a', '请假 M1 在长沙医院陪护老人，无法线上参加，会后一定认真补学会议精神');
    rt.clock.set(cst('2026-12-05T09:00:00'));
    server = await listen(rt.app.callback());
    browser = await launchChromium();
  });
  afterAll(() => stopBrowserTest(browser, server, rt));

  for (const [label, kind] of WIDTHS) {
    test(`${label}: the meetings page draws its chart; both pages fit the width`, async () => {
      const context = await newContext(browser, kind);
      const p = await browserSignIn(rt, context, server.origin);
      await p.click('nav a[href="/admin/meetings"]');
      await p.waitForSelector('html[data-charts-ready]', { state: 'attached' });
      expect(await p.textContent('nav a.on')).toBe('会议');
      const ink = (await p.evaluate(CANVAS_INK)) as number[];
      expect(ink).toHaveLength(1);
      expect(ink[0]).toBeGreaterThan(500);
      expect(await p.textContent('#three-meetings')).toContain('1/1 达标');
      expect(await p.textContent('#meetings')).toContain('1/3');
      await p.screenshot({ path: shotPath(`meetings-${label}`), fullPage: true });
      const fits: Record<string, [number, number]> = {};
      fits.list = [(await p.evaluate(PAGE_OVERFLOW)) as number, (await p.evaluate(CUT_CELLS)) as number];
      await p.click('#meetings a[href="/admin/meetings/1"]');
      await p.waitForSelector('#attendance');
      expect(await p.textContent('#attendance')).toContain('在长沙医院陪护老人');
      fits.detail = [(await p.evaluate(PAGE_OVERFLOW)) as number, (await p.evaluate(CUT_CELLS)) as number];
      await p.screenshot({ path: shotPath(`meeting-detail-${label}`), fullPage: true });
      expect(fits).toEqual({ list: [0, 0], detail: [0, 0] });
      await context.close();
    });
  }
});
