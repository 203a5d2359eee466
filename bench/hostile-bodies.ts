import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../tests/helpers/bot-process';
import type { BenchCase } from './bench-case';

const ROOT = path.resolve(__dirname, '..');
const SECRET = 'bench-dingtalk-secret';
const ATTACKERS = 8;
const ATTACK_MS = 3_000;
const KB256 = '<xml>'.repeat((256 * 1024) / 5);

interface Attack { label: string; path: string; type: string; body: () => string; headers?: () => Record<string, string> }

const signed = () => {
  const timestamp = String(Date.now());
  return { timestamp, sign: createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64') };
};

const ATTACKS: Attack[] = [
  { label: 'POST /wecom/app, 256 KB of <xml>', path: '/wecom/app?msg_signature=x&timestamp=1&nonce=1', type: 'text/xml', body: () => KB256 },
  { label: 'POST /wecom/app, 63 KB of <xml> (under the cap, parsed)', path: '/wecom/app?msg_signature=x&timestamp=1&nonce=1', type: 'text/xml', body: () => `<xml>${'<xml>'.repeat(12_800)}</xml>` },
  { label: 'POST /wecom/bot, 256 KB of <xml>', path: '/wecom/bot?msg_signature=x&timestamp=1&nonce=1', type: 'application/json', body: () => KB256 },
  { label: 'POST /wecom/bot, 256 KB encrypt field (signature computed)', path: '/wecom/bot?msg_signature=x&timestamp=1&nonce=1', type: 'application/json', body: () => JSON.stringify({ encrypt: 'A'.repeat(256 * 1024 - 20) }) },
  { label: 'POST /dingtalk/callback, 256 KB, forged sign', path: '/dingtalk/callback', type: 'application/json', body: () => KB256, headers: () => ({ timestamp: String(Date.now()), sign: 'forged' }) },
  { label: 'POST /dingtalk/callback, 256 KB, valid sign (captured headers)', path: '/dingtalk/callback', type: 'application/json', body: () => KB256, headers: signed },
  { label: 'POST /sim/api/messages, 256 KB of <xml>', path: '/sim/api/messages', type: 'application/json', body: () => KB256, headers: () => ({ authorization: 'Bearer bench-sim-token-0123456' }) },
];

/** CPU time (user + system, ms) the bot process has used so far: what each attack costs, whatever else runs. */
export function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

/** GETs /healthz back to back (20 ms apart) until `until`, returning each latency in ms. */
async function probe(base: string, until: number): Promise<number[]> {
  const out: number[] = [];
  while (Date.now() < until) {
    const t = performance.now();
    await (await fetch(`${base}/healthz`)).arrayBuffer();
    out.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
  return out;
}

/** One attacker: the same hostile request again and again; answers counted by status (or the socket closing). */
async function attacker(base: string, a: Attack, until: number, seen: Map<string, number>): Promise<void> {
  while (Date.now() < until) {
    let key: string;
    try {
      const res = await fetch(base + a.path, { method: 'POST', headers: { 'content-type': a.type, ...a.headers?.() }, body: a.body() });
      await res.arrayBuffer();
      key = String(res.status);
    } catch {
      key = 'closed';
    }
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
}

async function startBot(dir: string, port: number) {
  const env = {
    ...process.env, DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'silent', JOBS_ENABLED: 'false', ZHIBU_ADMINS: 'wecom:admin',
    WECOM_CORP_ID: 'ww1436e0e65a779aee', WECOM_APP_TOKEN: 'apptoken', WECOM_APP_AES_KEY: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
    WECOM_BOT_TOKEN: 'bottoken', WECOM_BOT_AES_KEY: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
    DINGTALK_CLIENT_ID: 'bench-app', DINGTALK_CLIENT_SECRET: SECRET, DINGTALK_MODE: 'http', DINGTALK_API_BASE: 'http://127.0.0.1:9', DINGTALK_OAPI_BASE: 'http://127.0.0.1:9',
    SIM_ENABLED: 'true', SIM_TOKEN: 'bench-sim-token-0123456',
  };
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/zhibu.js'), 'serve'], { env, stdio: 'ignore' });
  for (let i = 0; i < 300; i++) {
    try { if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child; } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('bot did not start');
}

/**
 * `/healthz` latency while 8 clients keep sending 256 KB hostile bodies (no valid credentials) to each callback
 * route for 3 s. The bot runs as its own process (`zhibu serve`), as in production. Target: p99 < 50 ms.
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
      const idle = await probe(base, Date.now() + 2_000);
      const load = os.loadavg()[0].toFixed(1);
      lines.push(`/healthz, no attack: p50 ${pct(idle, 50).toFixed(1)} ms, p99 ${pct(idle, 99).toFixed(1)} ms (${idle.length} probes; load average ${load} on ${os.cpus().length} cores)`);
      for (const a of ATTACKS) {
        const until = Date.now() + ATTACK_MS;
        const seen = new Map<string, number>();
        const cpu0 = cpuMs(bot.pid!);
        const [lat] = await Promise.all([probe(base, until), ...Array.from({ length: ATTACKERS }, () => attacker(base, a, until, seen))]);
        const sent = [...seen.values()].reduce((x, y) => x + y, 0);
        const perRequest = ((cpuMs(bot.pid!) - cpu0) / Math.max(1, sent + lat.length)).toFixed(2);
        const answers = [...seen].map(([k, n]) => `${n}×${k}`).join(', ');
        lines.push(`${a.label} ×${ATTACKERS}: /healthz p50 ${pct(lat, 50).toFixed(1)} ms, p99 ${pct(lat, 99).toFixed(1)} ms (${lat.length} probes; attacks answered ${answers}; bot CPU ${perRequest} ms per request)`);
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
