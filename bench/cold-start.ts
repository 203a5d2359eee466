import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../tests/helpers/bot-process';
import type { BenchCase } from './bench-case';
import { cpuMs } from './hostile-bodies';
import { runWecomLoad } from './run-wecom-load';
import { startFlags } from './serve-process';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureBuilt } = require('../bin/build.js') as { ensureBuilt(root: string): string };

const ROOT = path.resolve(__dirname, '..');
const STARTS = 5;
const MESSAGES = 10_000;
const TOKEN = 'benchToken2026';
const AES_KEY = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR';

interface Mode {
  label: string;
  args: string[];
  env: Record<string, string>;
}
interface Started {
  child: ChildProcess;
  dataDir: string;
  port: number;
  wallMs: number;
  cpuMs: number;
  rssMb: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (xs: number[]) => xs.map((x) => Math.round(x)).join(', ');

/** Resident and peak resident memory of a process, in MB. */
function memoryMb(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)![1]);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** Spawns the bot on a fresh DATA_DIR and times it from spawn to the first 200 from /healthz. */
async function start(mode: Mode, sink: string): Promise<Started> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-bench-cold-'));
  const env = {
    ...process.env,
    ...mode.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    ZHIBU_ADMINS: 'wecom:admin',
    WECOM_BOT_TOKEN: TOKEN,
    WECOM_BOT_AES_KEY: AES_KEY,
    WECOM_API_BASE: sink,
  };
  const t0 = performance.now();
  const child = spawn(process.execPath, mode.args, { env, stdio: 'ignore' });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${mode.label}: bot exited (${child.exitCode})`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const wallMs = performance.now() - t0;
  return { child, dataDir, port, wallMs, cpuMs: cpuMs(child.pid!), rssMb: memoryMb(child.pid!).rss };
}

async function stop(s: Started): Promise<void> {
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await exited;
  fs.rmSync(s.dataDir, { recursive: true, force: true });
}

/** Sends MESSAGES distinct signed WeCom bot callbacks with bench/wecom-load.ts, in its own process. */
function sendMessages(port: number, sink: string): Promise<{ rps: number; non2xx: number; errors: number }> {
  const spec = {
    url: `http://127.0.0.1:${port}`,
    token: TOKEN,
    aesKey: AES_KEY,
    offset: 0,
    count: MESSAGES,
    members: 200,
    tasks: 20,
    chatId: 'wrkColdStart',
    responseBase: sink,
    connections: 50,
    durationS: 60,
    amount: MESSAGES,
  };
  return runWecomLoad(spec);
}

/** Waits until the bot has used under 5 % of a core for a second (deferred handling and replies done), at most 2 min. */
async function settled(pid: number): Promise<void> {
  const until = Date.now() + 120_000;
  let last = cpuMs(pid);
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 1_000));
    const now = cpuMs(pid);
    if (now - last < 50) return;
    last = now;
  }
}

async function measure(mode: Mode, sink: string): Promise<string[]> {
  const runs: Started[] = [];
  for (let i = 0; i < STARTS; i++) {
    const s = await start(mode, sink);
    runs.push(s);
    if (i < STARTS - 1) await stop(s);
  }
  const last = runs.at(-1)!;
  const load = await sendMessages(last.port, sink);
  await settled(last.child.pid!);
  const after = memoryMb(last.child.pid!);
  await stop(last);
  return [
    `cold start to /healthz, ${mode.label}: median ${Math.round(median(runs.map((r) => r.wallMs)))} ms wall, ${Math.round(median(runs.map((r) => r.cpuMs)))} ms CPU (${STARTS} starts: ${round(runs.map((r) => r.wallMs))} ms; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores) — target < 1.5 s`,
    `RSS, ${mode.label}: ${Math.round(median(runs.map((r) => r.rssMb)))} MB after start; ${Math.round(after.rss)} MB after ${MESSAGES.toLocaleString('en')} WeCom bot callbacks (peak ${Math.round(after.peak)} MB; ${Math.round(load.rps)} req/s, ${load.non2xx} non-2xx, ${load.errors} errors) — target < 150 MB`,
  ];
}

/**
 * Cold start and memory of `zhibu serve`, compiled (as `npm start` and the Docker image run it) beside the sources
 * through tsx: spawn to the first 200 from /healthz (median of 5 starts on fresh DATA_DIRs), RSS after start, and RSS
 * once 10,000 distinct signed WeCom bot callbacks (an unbound group; replies go to a local sink) have been handled.
 */
export const coldStart: BenchCase = {
  name: 'cold-start',
  async run() {
    const entry = ensureBuilt(ROOT);
    const sink = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    const sinkUrl = `http://127.0.0.1:${(sink.address() as { port: number }).port}`;
    try {
      const compiled = await measure(
        {
          label: `compiled (node ${startFlags().join(' ')} dist/src/cli/main.js serve)`,
          args: [...startFlags(), entry, 'serve'],
          env: {},
        },
        sinkUrl,
      );
      const tsx = await measure(
        {
          label: `tsx (node ${startFlags().join(' ')} bin/zhibu.js serve, ZHIBU_FROM_SOURCE=1)`,
          args: [...startFlags(), path.join(ROOT, 'bin/zhibu.js'), 'serve'],
          env: { ZHIBU_FROM_SOURCE: '1' },
        },
        sinkUrl,
      );
      return [...compiled, ...tsx];
    } finally {
      sink.close();
    }
  },
};
