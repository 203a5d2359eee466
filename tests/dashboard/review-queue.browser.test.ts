import type { Browser, Page } from 'playwright-core';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { cameraJpeg } from '../helpers/proof-images';
import { DESKTOP, PHONE, launchChromium, listen, newContext, shotPath, stopBrowserTest } from './browser-harness';
import { browserSignIn, seedTwoBranches } from './dashboard-fixture';

jest.setTimeout(180_000);

const QUOTE = '全面贯彻落实党的二十届四中全会精神，坚定不移走中国特色社会主义道路。';
const HONEST = `通过学习我深刻认识到，${QUOTE}作为一名流动党员，我要在工作岗位上发挥先锋模范作用，按时参加支部组织生活。`;
const copyOf = (a: string, b: string) => HONEST.replace('我深刻认识到', a).replace('按时参加', b);

/** Boxes of the first image of this proof and of the related proof, in the first queue item. */
const IMAGE_BOXES = `(() => {
  const item = document.querySelector('.review-item');
  return ['.this-proof img', '.related-proof img'].map((sel) => {
    const img = item.querySelector(sel);
    const r = img.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, width: r.width, loaded: img.complete && img.naturalWidth > 0 };
  });
})()`;

describe('the review queue in a real browser', () => {
  let rt: TestRuntime;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  const statusOf = async (userId: string) => {
    const id = (await rt.services.store.identities.find('sim', userId))!.memberId;
    return (await rt.services.store.submissions.find(1, id))!;
  };

  beforeAll(async () => {
    rt = await testRuntime();
    await seedTwoBranches(rt);
    for (const [u, name] of [
      ['u_a3', '赵六'],
      ['u_a4', '钱七'],
      ['u_a5', '孙八'],
    ])
      await rt.say(u, 'g_a', `报到 ${name} 广东佛山`);
    await rt.say(
      'u_sa',
      'g_a',
      '发布任务 学习四中全会公报\n截止：2026-12-07 18:00\n分值：10\n证明：图片/文字\n字数：30',
    );
    await rt.say('u_a1', 'g_a', `#1 ${HONEST}`, { images: [await cameraJpeg('2026:12:01 09:30:00')] });
    server = await listen(rt.app.callback());
    browser = await launchChromium();
  });
  afterAll(() => stopBrowserTest(browser, server, rt));

  /** A re-sent copy of 张三's photo (held, exact duplicate) and a copied note (held, near copy), checks done. */
  async function holdTwo(dupUser: string, copyUser: string, copy: string): Promise<void> {
    await rt.say(dupUser, 'g_a', '#1', { images: [await cameraJpeg('2026:12:01 09:30:00')] });
    await rt.say(copyUser, 'g_a', `#1 ${copy}`);
    await rt.proofChecks.idle();
    expect((await statusOf(dupUser)).status).toBe('flagged');
    expect((await statusOf(copyUser)).status).toBe('flagged');
  }

  async function openQueue(page: Page, origin: string): Promise<void> {
    await page.goto(`${origin}/admin/review`);
    await page.waitForSelector('html[data-review-ready]', { state: 'attached' });
  }

  async function expectSideBySide(page: Page, name: string): Promise<void> {
    await page.waitForFunction(`(${IMAGE_BOXES}).every((b) => b.loaded)`);
    const [mine, theirs] = (await page.evaluate(IMAGE_BOXES)) as Array<Record<string, number | boolean>>;
    expect(mine.width as number).toBeGreaterThan(100);
    expect(theirs.left as number).toBeGreaterThanOrEqual((mine.right as number) - 1);
    // Side by side: the two images overlap vertically (a caption that wraps may push one down a line).
    expect(Math.abs((theirs.top as number) - (mine.top as number))).toBeLessThan((mine.width as number) / 4);
    expect(
      (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number,
    ).toBe(0);
    await page.screenshot({ path: shotPath(`review-queue-${name}`), fullPage: true });
  }

  test('desktop: most doubtful first, both photos side by side, reasons shown; j/k move, a approves, r rejects with a reason', async () => {
    await holdTwo('u_a2', 'u_a3', copyOf('我深深体会到', '积极参加'));
    const context = await newContext(browser, DESKTOP);
    const page = await browserSignIn(rt, context, server.origin);
    await openQueue(page, server.origin);
    const dup = await statusOf('u_a2');
    const copy = await statusOf('u_a3');
    // The original's own check may run after the copy came in: it stays accepted (only the later note is held).
    expect((await rt.services.store.submissions.get(1))!.status).toBe('accepted');
    const ids = await page.$$eval('.review-item', (els) => els.map((e) => Number(e.getAttribute('data-id'))));
    expect(ids).toEqual([dup.id, copy.id]);
    const first = await page.textContent('.review-item');
    expect(first).toContain('图片与 S1（张三，任务 #1）的图片完全相同');
    expect(await page.textContent(`#s${copy.id} .reasons`)).toContain('心得与 S1（张三）的心得几乎相同');
    expect(await page.textContent(`#s${copy.id} .related-proof`)).toContain(HONEST.slice(0, 20));
    await expectSideBySide(page, 'desktop');

    await page.keyboard.press('j');
    expect(await page.getAttribute('.review-item.current', 'data-id')).toBe(String(copy.id));
    await page.keyboard.press('k');
    expect(await page.getAttribute('.review-item.current', 'data-id')).toBe(String(dup.id));
    await Promise.all([page.waitForURL(new RegExp(`reviewed=${dup.id}&`)), page.keyboard.press('a')]);
    expect((await statusOf('u_a2')).status).toBe('accepted');
    await page.waitForSelector('html[data-review-ready]', { state: 'attached' });
    expect(await page.getAttribute('.review-item.current', 'data-id')).toBe(String(copy.id));
    await page.keyboard.press('r');
    expect(await page.evaluate('document.activeElement.name')).toBe('reason');
    await page.keyboard.type('心得与他人雷同');
    // The address already says reviewed= (the approval before): wait for the one naming this decision.
    await Promise.all([page.waitForURL(new RegExp(`reviewed=${copy.id}&`)), page.keyboard.press('Enter')]);
    const rejected = await statusOf('u_a3');
    expect(rejected).toMatchObject({ status: 'rejected', reviewNote: '心得与他人雷同' });
    const audit = await rt.services.store.audit.list(50);
    expect(
      audit.find((a) => a.action === 'submission.reject' && a.subject === `submission:${copy.id}`)?.detail,
    ).toEqual({
      reason: '心得与他人雷同',
      via: 'dashboard',
    });
    expect(await page.textContent('main')).toContain('没有待审核的提交');
    await context.close();
  });

  test('390 px phone: the photos still side by side; approve and reject by click', async () => {
    await holdTwo('u_a4', 'u_a5', copyOf('我深刻体会到', '认真参加'));
    const context = await newContext(browser, PHONE);
    const page = await browserSignIn(rt, context, server.origin);
    await openQueue(page, server.origin);
    await expectSideBySide(page, 'phone');
    const dup = await statusOf('u_a4');
    const copy = await statusOf('u_a5');
    await page.click(`#s${copy.id} button.reject`);
    expect(await page.evaluate('document.activeElement.name')).toBe('reason');
    expect((await statusOf('u_a5')).status).toBe('flagged');
    await page.fill(`#s${copy.id} input[name=reason]`, '抄袭');
    await Promise.all([page.waitForURL(new RegExp(`reviewed=${copy.id}&`)), page.click(`#s${copy.id} button.reject`)]);
    expect((await statusOf('u_a5')).status).toBe('rejected');
    await page.waitForSelector('html[data-review-ready]', { state: 'attached' });
    await Promise.all([page.waitForURL(new RegExp(`reviewed=${dup.id}&`)), page.click(`#s${dup.id} button.approve`)]);
    expect((await statusOf('u_a4')).status).toBe('accepted');
    await context.close();
  });
});
