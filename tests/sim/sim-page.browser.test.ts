import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import {
  DESKTOP,
  PHONE,
  launchChromium,
  listen,
  newContext,
  shotPath,
  stopBrowserTest,
} from '../dashboard/browser-harness';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';

// Chromium shares two cores with everything else under test: the same budget as the dashboard's browser tests.
jest.setTimeout(180_000);

// A 1×1 PNG written to a file, so the page's file input gets a real image.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** The simulator is the newcomer's first contact: a real browser types, attaches a photo and reads the answers. */
describe('the /sim chat page in Chromium', () => {
  let rt: TestRuntime;
  let browser: Browser;
  let site: { origin: string; close(): Promise<void> };
  beforeAll(async () => {
    rt = await testRuntime();
    site = await listen(rt.app.callback());
    browser = await launchChromium();
  });
  afterAll(() => stopBrowserTest(browser, site, rt));

  const send = async (page: import('playwright-core').Page, text: string) => {
    await page.fill('#text', text);
    await page.click('button[type=submit]');
  };

  test('an admin binds the chat, a member checks in and hands in a photo; the transcript shows both sides', async () => {
    const page = await (await newContext(browser, DESKTOP)).newPage();
    await page.goto(`${site.origin}/sim`);
    await send(page, '绑定支部 青山村党支部 流出');
    await page.waitForSelector('text=本群已绑定「青山村党支部」');
    await send(page, '发布任务 学习党章\n截止：2026-12-07 18:00\n分值：10');
    await page.waitForSelector('text=新任务 #1《学习党章》');

    await page.fill('#userId', 'u_a');
    await page.fill('#userName', '张三');
    await send(page, '报到 张三 广东广州');
    await page.waitForSelector('text=张三 报到成功');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-sim-')), 'proof.png');
    fs.writeFileSync(file, PNG);
    await page.setInputFiles('#image', file);
    await send(page, '#1');
    await page.waitForSelector('text=已收到 #1《学习党章》的提交（图片1张），+10 分');
    expect(await page.locator('.msg.me').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: shotPath('sim-desktop'), fullPage: true });

    const phone = await (await newContext(browser, PHONE)).newPage();
    await phone.goto(`${site.origin}/sim`);
    await phone.fill('#userId', 'u_a');
    await send(phone, '积分');
    await phone.waitForSelector('text=张三的积分：累计 10 分');
    await phone.screenshot({ path: shotPath('sim-phone') });
  });

  test('on a 390 px phone: a full-width message box, no sideways scrolling, tappable links, short times', async () => {
    const phone = await (await newContext(browser, PHONE)).newPage();
    await phone.goto(`${site.origin}/sim`);
    const box = await phone.locator('#text').boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    expect(await phone.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBe(0);
    await phone.selectOption('#chatType', 'single');
    await send(phone, '后台');
    const link = phone.locator('.msg.bot a[href*="/admin/login?t="]');
    await link.first().waitFor();
    expect(await link.first().getAttribute('target')).toBe('_blank');
    const times = await phone.locator('.msg .who').allTextContents();
    for (const who of times) expect(who).toMatch(/ · \d{2}-\d{2} \d{2}:\d{2}$/);
    await phone.screenshot({ path: shotPath('sim-phone-link') });
  });

  test('with SIM_TOKEN the page asks for the token once, keeps it, and every request carries it', async () => {
    const token = 'browser-sim-token-0001';
    const guarded = await testRuntime({ SIM_ENABLED: 'true', SIM_TOKEN: token });
    const guardedSite = await listen(guarded.app.callback());
    try {
      const context = await newContext(browser, DESKTOP);
      const page = await context.newPage();
      const asked: string[] = [];
      page.on('dialog', (d) => {
        asked.push(d.message());
        void d.accept(d.type() === 'prompt' ? token : undefined);
      });
      await page.goto(`${guardedSite.origin}/sim`);
      await send(page, '帮助');
      await page.waitForSelector('.msg.bot');
      expect(asked.filter((m) => m.includes('SIM_TOKEN'))).toHaveLength(1);
      const again = await context.newPage();
      again.on('dialog', (d) => {
        asked.push(d.message());
        void d.dismiss();
      });
      await again.goto(`${guardedSite.origin}/sim`);
      await send(again, '任务');
      await again.waitForSelector('text=任务');
      expect(asked).toHaveLength(1);
      expect(await guarded.services.store.inbox.count()).toBe(2);
    } finally {
      await guardedSite.close();
      await guarded.stop();
    }
  });
});
