import type { Browser } from 'playwright-core';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { CANVAS_INK, WIDTHS, launchChromium, listen, newContext, shotPath, stopBrowserTest } from './browser-harness';
import { browserSignIn } from './dashboard-fixture';

jest.setTimeout(180_000);

const PAGE_OVERFLOW = `document.documentElement.scrollWidth - document.documentElement.clientWidth`;
const CUT_CELLS = `Array.from(document.querySelectorAll('main td, main th')).filter((c) => {
  const r = c.getBoundingClientRect();
  return r.width > 0 && r.right > document.documentElement.clientWidth + 1;
}).length`;

/** The review pages in a real Chromium: the member's answer page and the results page, at 390 px and on a desktop. */
describe('satisfaction review pages in a browser', () => {
  let rt: TestRuntime;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  const members = ['u_m1', 'u_m2', 'u_m3', 'u_m4', 'u_m5', 'u_m6'];
  const names = ['张一', '李二', '王三', '赵四', '钱五', '孙六'];

  /** The path of the answer-page link the bot sent this member. */
  async function answerPath(userId: string): Promise<string> {
    const invite = (await rt.transcript(userId)).find((m) => m.text.includes('/review/answer'))!.text;
    const link = new URL(/https?:\/\/\S+/.exec(invite)![0]);
    return `${link.pathname}${link.search}`;
  }

  beforeAll(async () => {
    rt = await testRuntime();
    await rt.say('u_admin', 'g_a', '绑定支部 青山村党支部 流出');
    await rt.say('u_sa', 'g_a', '报到 青书记 广东广州');
    await rt.say('u_admin', 'g_a', '设为书记 青书记');
    for (const [i, u] of members.entries()) await rt.say(u, 'g_a', `报到 ${names[i]} 广东广州`);
    await rt.say(
      'u_admin',
      'g_a',
      '发起测评 2026年度群众满意度测评\n截止：12月10日 18:00\n问题：学习方便参加吗？｜方便/不方便\n问题：对学习安排的建议｜文字',
    );
    server = await listen(rt.app.callback());
    browser = await launchChromium();
  });
  afterAll(() => stopBrowserTest(browser, server, rt));

  WIDTHS.forEach(([label, kind], n) => {
    test(`${label}: members answer on the one-time page; a second submit is refused`, async () => {
      const context = await newContext(browser, kind);
      const page = await context.newPage();
      for (const [i, u] of members.entries()) {
        if (i % 2 !== n) continue;
        const path = await answerPath(u);
        await page.goto(`${server.origin}${path}`);
        expect((await page.evaluate(PAGE_OVERFLOW)) as number).toBe(0);
        if (i < 2) await page.screenshot({ path: shotPath(`review-answer-${label}`), fullPage: true });
        await page.click('#submit-review'); // nothing chosen: the browser keeps the form (required)
        expect(await page.locator('#review-form').count()).toBe(1);
        await page.check(`input[name=knows][value=${i === 0 ? 'no' : 'yes'}]`);
        await page.check(`input[name=overall][value=${i === 1 ? 'basic' : 'very'}]`);
        await page.check(`input[name=q0][value="${i % 2}"]`);
        await page.fill('textarea[name=comment]', i === 2 ? '希望多组织线上学习，方便在外务工的党员参加' : '');
        await page.click('#submit-review');
        await expect(page.locator('#review-message').textContent()).resolves.toContain('答卷已提交');
        await page.goto(`${server.origin}${path}`);
        await expect(page.locator('#review-message').textContent()).resolves.toContain('你已经参加过');
      }
      await context.close();
    });
  });

  for (const [label, kind] of WIDTHS) {
    test(`${label}: the results page after closing draws the branch and custom-question charts and fits the width`, async () => {
      rt.clock.set(new Date('2026-12-10T10:00:01.000Z'));
      const context = await newContext(browser, kind);
      const p = await browserSignIn(rt, context, server.origin);
      expect((await p.goto(`${server.origin}/admin/reviews`))?.status()).toBe(200);
      await p.waitForLoadState('networkidle');
      await p.waitForSelector('.chart canvas');
      expect(await p.locator('.know-rate').textContent()).toBe('83.3%');
      expect(await p.locator('.approval-rate').textContent()).toBe('100%');
      await p.waitForSelector('#chart-branch-1-q0 canvas');
      expect(await p.locator('table.question-counts td').allTextContents()).toEqual(['方便', '3', '不方便', '3']);
      expect(((await p.evaluate(CANVAS_INK)) as number[]).every((ink) => ink > 0)).toBe(true);
      expect((await p.evaluate(PAGE_OVERFLOW)) as number).toBe(0);
      expect((await p.evaluate(CUT_CELLS)) as number).toBe(0);
      await p.screenshot({ path: shotPath(`reviews-${label}`), fullPage: true });
      await context.close();
    });
  }
});
