import type { Browser, BrowserContext, Page } from 'playwright-core';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { launchChromium, listen, newContext, shotPath, stopBrowserTest, WIDTHS } from './browser-harness';
import { browserSignIn, seedTwoBranches } from './dashboard-fixture';

jest.setTimeout(180_000);

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** How far the page itself scrolls sideways: tables may scroll inside their card, the page never. */
const PAGE_OVERFLOW = `document.documentElement.scrollWidth - document.documentElement.clientWidth`;

/** Table cells whose right edge is past the window: text a secretary can't see without finding a hidden scrollbar. */
const CUT_CELLS = `Array.from(document.querySelectorAll('main td, main th')).filter((c) => {
  const r = c.getBoundingClientRect();
  return r.width > 0 && r.right > document.documentElement.clientWidth + 1;
}).length`;

/** Every dashboard page on a 390 px phone and on a desktop: nothing sticks out on the right. */
describe('dashboard pages at phone width', () => {
  let rt: TestRuntime;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;

  const signIn = (context: BrowserContext): Promise<Page> => browserSignIn(rt, context, server.origin);

  beforeAll(async () => {
    rt = await testRuntime();
    await seedTwoBranches(rt);
    await rt.say(
      'u_sa',
      'g_a',
      '发布任务 学习党章第一章并结合岗位实际写一段不少于五十字的学习体会\n截止：2026-12-07 18:00\n证明：图片/文字/链接',
    );
    await rt.say('u_a1', 'g_a', '#1', { images: [PNG] });
    await rt.say(
      'u_a2',
      'g_a',
      '#1 认真学习了党章第一章，理解了党的性质和宗旨，要在工作中落实。https://example.org/a/very/long/link/that/should/not/widen/the/page',
    );
    await rt.say('u_sa', 'g_a', '加分 张三 5 参加社区志愿服务，协助开展疫苗接种登记和秩序维护工作');
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
  });
  afterAll(() => stopBrowserTest(browser, server, rt));

  for (const [label, kind] of WIDTHS) {
    test(`${label}: no page scrolls sideways; no table cell is cut off at the right edge`, async () => {
      const context = await newContext(browser, kind);
      const p = await signIn(context);
      const zhang = (await rt.services.store.members.findByName('张三'))[0];
      const pages = [
        ['overview', '/admin'],
        ['members', '/admin/members'],
        ['member-edit', `/admin/members/${zhang.id}`],
        ['tasks', '/admin/tasks'],
        ['task-detail', '/admin/tasks/1'],
        ['points', '/admin/points'],
        ['help-cases', '/admin/help-cases'],
        ['import', '/admin/import'],
      ];
      const overflow: Record<string, number> = {};
      const cut: Record<string, number> = {};
      for (const [name, path] of pages) {
        expect((await p.goto(`${server.origin}${path}`))?.status()).toBe(200);
        await p.waitForLoadState('networkidle');
        await p.waitForSelector('html[data-tables-ready]', { state: 'attached' });
        overflow[name] = (await p.evaluate(PAGE_OVERFLOW)) as number;
        cut[name] = (await p.evaluate(CUT_CELLS)) as number;
        await p.screenshot({ path: shotPath(`width-${name}-${label}`), fullPage: true });
      }
      const none = Object.fromEntries(pages.map(([name]) => [name, 0]));
      expect(overflow).toEqual(none);
      expect(cut).toEqual(none);
      await context.close();
    });
  }
});
