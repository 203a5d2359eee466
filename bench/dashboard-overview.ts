import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { loadConfig } from '../src/config/load-config';
import { FULL_SCOPE } from '../src/access/access-scope';
import { importRoster } from '../src/excel/roster-import';
import { createLogger } from '../src/observability/logger';
import { createRuntime } from '../src/runtime/create-runtime';
import type { BenchCase } from './bench-case';
import { countyRows, rosterFile } from './county-roster';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))];

/** Overview page for 2,000 members: server time for GET /admin, and browser time from navigation to all charts drawn. */
export const dashboardOverview: BenchCase = {
  name: 'dashboard-overview',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-bench-dash-'));
    const rt = await createRuntime(loadConfig({ DATA_DIR: dir, ZHIBU_ADMINS: 'sim:u_admin', LOG_LEVEL: 'silent' }), {
      log: createLogger('silent'),
    });
    const store = rt.services.store;
    const homes = ['青山村党支部', '白水村党支部', '石桥村党支部', '东岭村党支部', '南山村党支部'];
    const hosts = ['广州流动党支部', '佛山流动党支部', '长沙流动党支部'];
    for (const name of homes) await store.branches.create({ name, kind: 'home' }, new Date());
    for (const name of hosts) await store.branches.create({ name, kind: 'host' }, new Date());
    await importRoster(store, await rosterFile(countyRows(2000, homes, hosts)), 'county.xlsx', {
      scope: FULL_SCOPE,
      actor: 'bench',
      now: new Date(),
      tz: 'Asia/Shanghai',
      dryRun: false,
    });
    const server = http.createServer(rt.app.callback());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const link = rt.services.loginLinks!.issue('sim:u_admin', new Date());
    const login = await fetch(`${origin}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `t=${link.token}`,
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const lines: string[] = [];

    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 25; i++) {
      const t = performance.now();
      const res = await fetch(`${origin}/admin`, { headers: { cookie } });
      bytes = (await res.text()).length;
      if (i >= 5) times.push(performance.now() - t);
    }
    lines.push(
      `server GET /admin (2,000 members, admin scope): median ${pct(times, 0.5).toFixed(1)} ms, p95 ${pct(times, 0.95).toFixed(1)} ms, ${(bytes / 1024).toFixed(1)} KiB HTML (20 runs after 5 warm-up)`,
    );

    if (!fs.existsSync(CHROMIUM)) {
      lines.push(`browser time-to-charts: skipped (no Chromium at ${CHROMIUM})`);
    } else {
      const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
      for (const [label, viewport] of [
        ['desktop 1280×900', { width: 1280, height: 900 }],
        ['phone 390×844', { width: 390, height: 844 }],
      ] as const) {
        const context = await browser.newContext({ viewport });
        await context.addCookies([
          { name: 'zhibu_admin', value: cookie.split('=').slice(1).join('='), url: `${origin}/admin` },
        ]);
        const page = await context.newPage();
        const ready: number[] = [];
        for (let i = 0; i < 6; i++) {
          await page.goto(`${origin}/admin`);
          await page.waitForSelector('html[data-charts-ready]', { state: 'attached' });
          ready.push(Number(await page.getAttribute('html', 'data-charts-ready')));
        }
        lines.push(
          `browser ${label}: navigation → 8 charts drawn: first load ${ready[0]} ms (cold cache, incl. 715 KB ECharts), then median ${pct(ready.slice(1), 0.5)} ms, max ${Math.max(...ready.slice(1))} ms (5 loads)`,
        );
        await context.close();
      }
      await browser.close();
    }
    server.close();
    await rt.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    return lines;
  },
};
