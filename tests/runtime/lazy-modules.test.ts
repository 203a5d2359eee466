import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/**
 * Builds the runtime of a bot on WeCom's HTTP callback (the common deployment) in a fresh process and lists which of
 * the heavy packages it loaded: each is tens of MB resident, and a running bot in this mode needs none of them
 * until a photo, an Excel file or the long connection comes along.
 */
function heavyPackagesLoaded(): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-lazy-'));
  const script = `
    const { createRuntime } = require('./src/runtime/create-runtime');
    const { loadConfig } = require('./src/config/load-config');
    const { createLogger } = require('./src/observability/logger');
    createRuntime(loadConfig(), { log: createLogger('silent') }).then(async (rt) => {
      const heavy = ['sharp', '@wecom/aibot-node-sdk', 'axios', 'exceljs', 'echarts', 'openai', 'mongoose', 'playwright-core', 'pinyin-pro'];
      const loaded = heavy.filter((p) => Object.keys(require.cache).some((f) => f.includes('/node_modules/' + p + '/')));
      await rt.stop();
      process.stdout.write(JSON.stringify(loaded));
    });`;
  try {
    const out = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATA_DIR: dir,
        LOG_LEVEL: 'silent',
        JOBS_ENABLED: 'false',
        WECOM_BOT_TOKEN: 'benchToken2026',
        WECOM_BOT_AES_KEY: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
      },
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (out.status !== 0) throw new Error(out.stderr);
    return JSON.parse(out.stdout) as string[];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('what a running bot loads', () => {
  test('a bot on the WeCom HTTP callback loads no image, Excel, chart, LLM, MongoDB, browser or long-connection package at start', () => {
    expect(heavyPackagesLoaded()).toEqual([]);
  }, 150_000);
});
