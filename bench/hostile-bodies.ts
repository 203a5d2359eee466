import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../tests/helpers/bot-process';
import type { BenchCase } from './bench-case';
import { ATTACKS, DINGTALK_SECRET, SIM_TOKEN } from './hostile-attacks';

const ROOT = path.resolve(__dirname, '..');
const ATTACKERS = 8;
const ATTACK_MS = 3_000;
/** CPU time (user + system, ms) the bot process has used so far: what each attack costs, whatever else runs. */
export function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

interface Client<T> {
  ready: Promise<void>;
  go: (ms: number) => void;
  result: Promise<T>;
}

/** Starts bench/hostile-client.ts in its own process; it begins work on `go` and resolves with what it printed. */
function client<T>(spec: object): Client<T> {
  const env = { ...process.env, ZB_HOSTILE: JSON.stringify(spec) };
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'hostile-client.ts')], {
    env,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  let onReady: () => void;
  const ready = new Promise<void>((r) => {
    onReady = r;
  });
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.startsWith('ready\n')) onReady();
  });
  const result = new Promise<T>((resolve, reject) => {
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.slice('ready\n'.length)))
        : reject(new Error(`hostile client exited ${code}`)),
    );
  });
  return { ready, go: (ms) => child.stdin.end(`go ${ms}\n`), result };
}

interface Phase {
  lat: number[];
  seen: Record<string, number>;
  cpu: number;
  ms: number;
}

/**
 * One phase: the probe process (on the bot) and, unless `attack` is undefined, the attacker process (on the bot or on
 * `target`), started together for `ms`.
 */
async function phase(
  base: string,
  botPid: number,
  attack: number | undefined,
  ms: number,
  target = base,
): Promise<Phase> {
  const probe = client<number[]>({ mode: 'probe', base });
  const attackers =
    attack === undefined
      ? undefined
      : client<Record<string, number>>({ mode: 'attack', base: target, attack, concurrency: ATTACKERS });
  await Promise.all([probe.ready, attackers?.ready]);
  const cpu0 = cpuMs(botPid);
  const t0 = performance.now();
  attackers?.go(ms);
  probe.go(ms);
  const [lat, seen] = await Promise.all([probe.result, attackers?.result ?? {}]);
  return { lat, seen, cpu: cpuMs(botPid) - cpu0, ms: performance.now() - t0 };
}

/**
 * A stand-in for the bot that refuses every request at once without reading it (as the bot does an oversize body):
 * attacking it loads the machine as an attack does while the bot itself is left alone.
 */
async function stub(): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(413, { connection: 'close' }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

const latencies = (lat: number[]) =>
  `/healthz p50 ${pct(lat, 50).toFixed(1)} ms, p99 ${pct(lat, 99).toFixed(1)} ms, max ${Math.max(...lat).toFixed(1)} ms (${lat.length} probes)`;

async function startBot(dir: string, port: number) {
  const env = {
    ...process.env,
    DATA_DIR: dir,
    PORT: String(port),
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    ZHIBU_ADMINS: 'wecom:admin',
    WECOM_CORP_ID: 'ww1436e0e65a779aee',
    WECOM_APP_TOKEN: 'apptoken',
    WECOM_APP_AES_KEY: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
    WECOM_BOT_TOKEN: 'bottoken',
    WECOM_BOT_AES_KEY: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
    DINGTALK_CLIENT_ID: 'bench-app',
    DINGTALK_CLIENT_SECRET: DINGTALK_SECRET,
    DINGTALK_MODE: 'http',
    DINGTALK_API_BASE: 'http://127.0.0.1:9',
    DINGTALK_OAPI_BASE: 'http://127.0.0.1:9',
    SIM_ENABLED: 'true',
    SIM_TOKEN,
  };
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/zhibu.js'), 'serve'], { env, stdio: 'ignore' });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('bot did not start');
}

/**
 * `/healthz` latency while 8 clients keep sending 256 KB hostile bodies (no valid credentials) to each callback
 * route for 3 s. Three processes: the bot (`zhibu serve`, as in production), the attackers, and the probe — so the
 * probe's figures are the bot's delay, not the attackers' body building. Two lines set the floor the machine itself
 * sets (scheduler and network stack on shared cores): no attack at all, and the attack aimed at a stub beside the
 * bot instead of at it. Target: p99 < 50 ms.
 */
export const hostileBodies: BenchCase = {
  name: 'hostile-bodies',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-bench-hostile-'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const bot = await startBot(dir, port);
    const lines: string[] = [];
    try {
      const idle = await phase(base, bot.pid!, undefined, 2_000);
      // What the bot spends anyway (its timers and the probes), per ms of wall time, is not charged to the attacks.
      const idleRate = idle.cpu / idle.ms;
      const load = os.loadavg()[0].toFixed(1);
      lines.push(
        `no attack: ${latencies(idle.lat)}; bot CPU ${idleRate.toFixed(3)} ms per ms idle; load average ${load} on ${os.cpus().length} cores`,
      );
      const elsewhere = await stub();
      const control = await phase(base, bot.pid!, 0, ATTACK_MS, elsewhere.url);
      elsewhere.server.close();
      lines.push(
        `${ATTACKS[0].label} ×${ATTACKERS} aimed at a stub beside the bot, not at it: ${latencies(control.lat)}`,
      );
      for (const [i, a] of ATTACKS.entries()) {
        const r = await phase(base, bot.pid!, i, ATTACK_MS);
        const sent = Object.values(r.seen).reduce((x, y) => x + y, 0);
        const perRequest = Math.max(0, r.cpu - idleRate * r.ms) / Math.max(1, sent);
        const answers = Object.entries(r.seen)
          .map(([k, n]) => `${n}×${k}`)
          .join(', ');
        lines.push(
          `${a.label} ×${ATTACKERS}: ${latencies(r.lat)}; answered ${answers}; bot CPU ${perRequest.toFixed(2)} ms per hostile request`,
        );
      }
      lines.push(`messages stored from all of it: ${storedMessages(dir)}`);
    } finally {
      bot.kill('SIGTERM');
      await new Promise((r) => bot.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return lines;
  },
};

/** Read beside the running bot, after the attacks. */
function storedMessages(dir: string): number {
  const db = new Database(path.join(dir, 'zhibu.db'), { readonly: true });
  const n = (db.prepare('SELECT COUNT(*) AS n FROM inbox').get() as { n: number }).n;
  db.close();
  return n;
}
