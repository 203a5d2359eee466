import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { cleanupTempDirs } from '../helpers/temp-dir';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = path.join(__dirname, '..', '..', 'test-output', 'dashboard');

/** The flags this machine needs: root (no sandbox), no GPU, and no background connections to the closed network. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium fonts-noto-cjk" (CI's .ci/run does), or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

export const DESKTOP = { viewport: { width: 1280, height: 900 } };
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** Every page is tried at both widths people use: a phone (390 px) and a desktop. */
export const WIDTHS = [
  ['phone', PHONE],
  ['desktop', DESKTOP],
] as const;

/**
 * Playwright waits 30 s by default; with both cores busy (CI beside other work) one page with its charts and photos
 * has taken longer. Waits end as soon as the page is ready, so a longer bound costs nothing when it passes.
 */
const WAIT_MS = 90_000;

export async function newContext(browser: Browser, kind: typeof DESKTOP | typeof PHONE): Promise<BrowserContext> {
  const context = await browser.newContext({ ...kind, locale: 'zh-CN', acceptDownloads: true });
  context.setDefaultTimeout(WAIT_MS);
  return context;
}

/** Serves a koa callback on an ephemeral loopback port. */
export async function listen(callback: http.RequestListener): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer(callback);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Stops what a browser test started, browser first, then the server and the runtime, and removes its temp dirs. */
export async function stopBrowserTest(
  browser: Browser | undefined,
  server: { close(): Promise<void> } | undefined,
  rt: { stop(): Promise<void> } | undefined,
): Promise<void> {
  await browser?.close();
  await server?.close();
  await rt?.stop();
  cleanupTempDirs();
}

export function shotPath(name: string): string {
  fs.mkdirSync(SHOTS, { recursive: true });
  return path.join(SHOTS, `${name}.png`);
}

/** Pixels drawn on each chart canvas (a chart that failed to draw has none). */
export const CANVAS_INK = `Array.from(document.querySelectorAll('.chart canvas')).map((c) => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let ink = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) ink++;
  return ink;
})`;
